// Country names in the interface's language, as the registry holds them
// (GET /api/countries: name, name_ru), fetched once per page load.

import { get, itemsOf } from "./api";
import { lang } from "./i18n";
import type { Page, Schemas } from "./schemas";

type Country = Schemas["Country"];

let request: Promise<Country[]> | null = null;

/** ISO alpha-2 code -> the country's name in the interface's language (empty when the registry is unreachable). */
export async function countryNames(): Promise<Map<string, string>> {
  request ??= get<Page<Country>>("/api/countries?limit=500").then(itemsOf).catch(() => {
    request = null;
    return [];
  });
  const ru = lang() === "ru";
  return new Map((await request).map((c) => [c.iso2, ru && c.name_ru ? c.name_ru : c.name]));
}
