// City names in the interface's language. The registry keeps a city's
// names in many languages; which one an interface in a language shows is
// the server's rule (GET /api/city-names?lang=ru, registry/registry.h
// names_in_language). The answer, small (only cities with a name in that
// language), is fetched once per language; cityName() then names any city
// the API mentions, falling back to its registry name.

import { get } from "./api";
import { lang, type Lang } from "./i18n";
import type { JsonOf, operations } from "./schemas";

type CityNames = JsonOf<operations["getCityNames"]["responses"][200]>;

const loaded = new Map<Lang, Promise<Record<string, string>>>();
let current: Record<string, string> = {};

/** Fetches the names of the interface's language (once); resolves when cityName() can use them. */
export async function loadCityNames(): Promise<void> {
  const l = lang();
  let request = loaded.get(l);
  if (!request) {
    // English is the registry's own language: its names need no request.
    request = l === "en"
      ? Promise.resolve({})
      : get<CityNames>(`/api/city-names?lang=${l}`).then((r) => r.names).catch(() => {
          loaded.delete(l);
          return {};
        });
    loaded.set(l, request);
  }
  const names = await request;
  if (lang() === l) current = names;
}

/** The city's name in the interface's language where the registry has one, else its registry name. */
export function cityName(city: { id: number; name: string }): string {
  return current[String(city.id)] ?? city.name;
}
