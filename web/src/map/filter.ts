// Which twin links the map shows: the country and year filter of its
// toolbar. Only a few links have a known starting year (the world list
// dates 1 of about 25,000), so a year range keeps the undated links unless
// the user asks for dated links only: the map never empties silently.

export interface LinkFilter {
  country: string; // ISO alpha-2, or "" for every country
  from: number; // earliest starting year, 0 for no bound
  to: number; // latest starting year, 0 for no bound
  datedOnly: boolean; // leave out the links whose year is unknown
}

export const NO_FILTER: LinkFilter = { country: "", from: 0, to: 0, datedOnly: false };

/** True if a link between cities of countries `ca` and `cb`, begun in `since` (0: unknown), passes the filter. */
export function linkPasses(f: LinkFilter, ca: string, cb: string, since: number): boolean {
  if (f.country && ca !== f.country && cb !== f.country) return false;
  if (!since) return !f.datedOnly;
  if (f.from && since < f.from) return false;
  if (f.to && since > f.to) return false;
  return true;
}

/** True if the filter restricts by year (so that the map says how few links have one). */
export function filtersByYear(f: LinkFilter): boolean {
  return f.from > 0 || f.to > 0 || f.datedOnly;
}
