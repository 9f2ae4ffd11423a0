// Small shared formatters and widgets of the pages.

import { h } from "./dom";
import { refusalBox, type Typed } from "./errors";
import { cityName } from "./citynames";
import { lang, t } from "./i18n";
import type { Schemas } from "./schemas";

/** A city as the API names it in passing: id, name and ISO country code. */
export type CityRef = Schemas["CityRef"];

export function cityLink(c: CityRef | null | undefined): HTMLElement | string {
  if (!c) return "—";
  return h("a", { href: `/city/${c.id}`, "data-link": true }, cityName(c), h("span", { class: "muted" }, `, ${c.country}`));
}

/** An error as the user reads it, in the interface's language (errors.ts); `typed` quotes what the user entered. */
export function errorBox(e: unknown, typed: Typed = {}): HTMLElement {
  return refusalBox(e, typed);
}

export function fixed(x: number, digits = 1): string {
  return x.toFixed(digits);
}

/** A labelled form row. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control,
    hint ? h("small", { class: "muted" }, hint) : null);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A count or a population in the interface's language (42,396 or 42 396). */
export function count(n: number): string {
  return n.toLocaleString(lang());
}

/** A point as the registry records it, to four decimals (about 10 m): "50.7358, -1.7813". */
export function point(lat: number, lng: number): string {
  return `${lat.toFixed(4)}, ${lng.toFixed(4)}`;
}

/** Where a city's coordinates come from (GET /api/cities/{id}). */
export type CoordinatesOrigin = Pick<Schemas["City"], "coordinates_source" | "geonames_id">;

/** A link to a place of the GeoNames gazetteer: "GeoNames 2653075". */
export function geonamesLink(id: number): HTMLElement {
  return h("a", { href: `https://www.geonames.org/${id}`, rel: "noopener noreferrer", target: "_blank" }, `GeoNames ${id}`);
}

/** The origin in words: "set by hand", "as imported", or "GeoNames N" as a link (a hand-set point taken from a gazetteer place names it too). */
export function coordinatesOrigin(c: CoordinatesOrigin): (HTMLElement | string)[] {
  if (c.coordinates_source === "gazetteer" && c.geonames_id !== null) return [geonamesLink(c.geonames_id)];
  if (c.coordinates_source === "manual") {
    return c.geonames_id !== null ? [t("coords.manual"), " (", geonamesLink(c.geonames_id), ")"] : [t("coords.manual")];
  }
  if (c.coordinates_source === "gazetteer") return [t("coords.gazetteer")];
  return [t("coords.import")];
}
