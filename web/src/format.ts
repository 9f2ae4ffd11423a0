// Small shared formatters and widgets of the pages.

import { ApiError } from "./api";
import { h } from "./dom";
import { t } from "./i18n";

export interface CityRef {
  id: number;
  name: string;
  country: string;
}

export function cityLink(c: CityRef | null | undefined): HTMLElement | string {
  if (!c) return "—";
  return h("a", { href: `/city/${c.id}`, "data-link": true }, c.name, h("span", { class: "muted" }, `, ${c.country}`));
}

export function errorBox(e: unknown): HTMLElement {
  const msg = e instanceof ApiError
    ? e.status === 403 ? t("common.forbidden") : e.status === 404 ? t("common.notFound") : e.message
    : (e as Error)?.message ?? String(e);
  return h("p", { class: "error", role: "alert" }, msg);
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
