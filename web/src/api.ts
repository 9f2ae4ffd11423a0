// The only way the interface talks to anything: JSON over HTTP to the
// Twinning server it was served from. Errors arrive as ApiError carrying the
// server's {"error": {code, message, field}}.
import type { JsonOf, Schemas, operations } from "./schemas";

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

/** A user as the server describes it (GET /api/users, /api/session). */
export type User = Schemas["User"];

/** GET /api/session: who is signed in (an anonymous caller reads as a viewer). */
export type Session = JsonOf<operations["getSession"]["responses"][200]>;

/** The CSRF token the server set with the session (a cookie the page may read). */
function csrfToken(): string | null {
  const m = document.cookie.match(/(?:^|;\s*)twinning_csrf=([^;]*)/);
  return m && m[1] ? decodeURIComponent(m[1]) : null;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const csrf = method === "GET" ? null : csrfToken();
  if (csrf) headers["X-CSRF-Token"] = csrf;
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

/** POSTs JSON and returns the response's bytes (a PDF); errors as api(). */
export async function postBlob(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { Accept: "application/pdf, application/json", "Content-Type": "application/json" };
  const csrf = csrfToken();
  if (csrf) headers["X-CSRF-Token"] = csrf;
  const response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body: JSON.stringify(body) });
  if (response.ok) return response.blob();
  const err = ((await response.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  throw new ApiError(response.status, err?.code ?? "http_" + response.status, err?.message ?? response.statusText, err?.field);
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});
export const del = <T>(path: string) => api<T>("DELETE", path);

/** The list of a paged response ({"items": [...], "total", ...}) or of a bare array. */
export function itemsOf<T>(r: T[] | { items: T[] }): T[] {
  return Array.isArray(r) ? r : r.items;
}
