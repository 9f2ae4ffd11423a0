// The HTTP API's types, generated from its OpenAPI document
// (src/generated/api.ts, made by scripts/api-types.mjs before each build):
// pages name what the server answers by these, never by a copy of their own.
import type { components } from "./generated/api";

export type { operations } from "./generated/api";

/** The document's named schemas: Schemas["LetterSummary"]. */
export type Schemas = components["schemas"];

/** The JSON body of one documented response: JsonOf<operations["getSession"]["responses"][200]>. */
export type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;

/** A page of a listing (GET /api/letters, /api/cities, ...) with items of type T. */
export type Page<T> = Omit<Schemas["Page"], "items"> & { items: T[] };
