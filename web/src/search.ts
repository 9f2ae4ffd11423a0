// A search box over every name of every city (former names too), answered
// by GET /api/cities?search=…; arrow keys and Enter pick a result.

import { get, itemsOf } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { cityName } from "./citynames";
import type { JsonOf, operations } from "./schemas";

/** A search result (GET /api/cities?search=…): a city and the name that matched. */
export type CityHit = JsonOf<operations["listCities"]["responses"][200]>["items"][number];

export function searchBox(onPick: (city: CityHit) => void): HTMLElement {
  const input = h("input", {
    type: "search",
    class: "search",
    placeholder: t("map.searchShort"),
    "aria-label": t("map.search"),
    autocomplete: "off",
    role: "combobox",
    "aria-expanded": "false",
    "aria-controls": "search-results",
  });
  const list = h("ul", { id: "search-results", class: "search-results", role: "listbox", hidden: true });
  let hits: CityHit[] = [];
  let active = -1;
  let timer = 0;
  let generation = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
  };
  const pick = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = cityName(hit);
    close();
    onPick(hit);
  };
  const show = () => {
    list.replaceChildren(
      ...hits.map((hit, i) =>
        h("li", {
          role: "option",
          "aria-selected": i === active ? "true" : "false",
          class: i === active ? "active" : "",
          onmousedown: (e: Event) => {
            e.preventDefault();
            pick(i);
          },
        },
          cityName(hit),
          h("span", { class: "muted" }, ", ", hit.country),
          hit.matched_name && hit.matched_name !== cityName(hit)
            ? h("span", { class: "muted" }, ` (${hit.matched_name})`)
            : null,
        ),
      ),
    );
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      hits = [];
      show();
      return;
    }
    timer = window.setTimeout(async () => {
      const mine = ++generation;
      const result = await get<JsonOf<operations["listCities"]["responses"][200]>>(
        `/api/cities?search=${encodeURIComponent(text)}&limit=12`,
      ).then(itemsOf).catch(() => [] as CityHit[]);
      if (mine !== generation) return;
      hits = result;
      active = hits.length ? 0 : -1;
      show();
    }, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") active = Math.min(hits.length - 1, active + 1);
    else if (e.key === "ArrowUp") active = Math.max(0, active - 1);
    else if (e.key === "Enter") {
      e.preventDefault();
      pick(active);
      return;
    } else if (e.key === "Escape") {
      close();
      return;
    } else return;
    e.preventDefault();
    show();
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));
  return h("div", { class: "search-box" }, input, list);
}
