// Who is signed in, as the server says (GET /api/session). Pages ask
// `currentSession()` to show only what the role may do; the server enforces
// it regardless.

import { ApiError, get, post, setCsrfToken, type Session } from "./api";

let session: Session | null = null;
let loaded: Promise<Session | null> | null = null;

export function currentSession(): Session | null {
  return session;
}

export function loadSession(): Promise<Session | null> {
  loaded ??= get<Session>("/api/session")
    .then((s) => {
      session = s && s.user ? s : null;
      if (s?.csrf_token) setCsrfToken(s.csrf_token);
      return session;
    })
    .catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 401) return null;
      return null;
    });
  return loaded;
}

export async function login(user: string, password: string): Promise<Session> {
  const s = await post<Session>("/api/session", { user, password });
  session = s;
  if (s.csrf_token) setCsrfToken(s.csrf_token);
  loaded = Promise.resolve(s);
  return s;
}

export async function logout(): Promise<void> {
  await post("/api/session/logout").catch(() => undefined);
  session = null;
  setCsrfToken(null);
  loaded = Promise.resolve(null);
}

export function canCoordinate(): boolean {
  return session?.role === "admin" || session?.role === "coordinator";
}
