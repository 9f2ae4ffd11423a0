// The only way the interface talks to anything: JSON over HTTP to the
// Twinning server it was served from. Errors arrive as ApiError carrying the
// server's {"error": {code, message, field}}.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface Session {
  user: string;
  role: "admin" | "coordinator" | "correspondent" | "viewer";
  city_id: number | null;
  csrf_token?: string;
}

let csrfToken: string | null = sessionStorage.getItem("twinning.csrf");

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) sessionStorage.setItem("twinning.csrf", token);
  else sessionStorage.removeItem("twinning.csrf");
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(response.status, "bad_response", `unexpected response from ${path}`);
    }
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: string; message?: string; field?: string } })?.error;
    throw new ApiError(
      response.status,
      err?.code ?? "http_" + response.status,
      err?.message ?? response.statusText,
      err?.field,
    );
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});
