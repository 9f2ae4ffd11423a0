// Who is signed in, as the server says (GET /api/session). Pages ask
// `currentUser()` to show only what the role may do; the server enforces
// it regardless. The session itself is an HttpOnly cookie; the CSRF token
// travels in a readable cookie that api.ts sends back as X-CSRF-Token.

import { del, get, post, type Session, type User } from "./api";

let user: User | null = null;
let loaded: Promise<User | null> | null = null;

export function currentUser(): User | null {
  return user;
}

export function loadSession(): Promise<User | null> {
  loaded ??= get<Session>("/api/session")
    .then((s) => (user = s.authenticated ? s.user : null))
    .catch(() => (user = null));
  return loaded;
}

export async function login(name: string, password: string): Promise<User> {
  const r = await post<{ user: User; csrf_token: string }>("/api/session", { name, password });
  user = r.user;
  loaded = Promise.resolve(user);
  return user;
}

export async function logout(): Promise<void> {
  await del("/api/session").catch(() => undefined);
  user = null;
  loaded = Promise.resolve(null);
}

export function canCoordinate(): boolean {
  return user?.role === "admin" || user?.role === "coordinator";
}
