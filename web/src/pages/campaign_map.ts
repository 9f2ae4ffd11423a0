// The campaign dashboard's countries map, in two views: each country by its
// state in the campaign (endorsed, declined, ministry asked, a city reached,
// not reached; GET .../countries-map), or each UN member state by its chance
// of endorsing (the forecast's member_probabilities, in five bins of a
// sequential scale). The server computes both; this only draws them.

import { get } from "../api";
import { h } from "../dom";
import { addStrings, t } from "../i18n";
import { errorBox } from "../format";
import { worldMap } from "../worldmap";
import { countryNames } from "../countries";
import type { JsonOf, operations } from "../schemas";

addStrings({
  en: {
    "camp.map.views": "Map view",
    "camp.map.state": "state",
    "camp.map.chance": "chance of endorsing",
    "camp.map.noMember": "not a UN member",
  },
  ru: {
    "camp.map.views": "Вид карты",
    "camp.map.state": "состояние",
    "camp.map.chance": "шанс поддержки",
    "camp.map.noMember": "не член ООН",
  },
});

export type Forecast = JsonOf<operations["getForecast"]["responses"][200]>;
type CountryStates = JsonOf<operations["getCampaignCountriesMap"]["responses"][200]>;

/** A country's colour on the campaign's map, by its state (GET .../countries-map); NOT_REACHED for the rest. */
const STATE_COLORS: Record<string, string> = {
  endorsed: "#2e7d32",
  declined: "#b3261e",
  asked: "#f2a900",
  reached: "#8fb3de",
};
const NOT_REACHED = "#e6e3da";
const MAP_STATES = ["endorsed", "declined", "asked", "reached"];

/**
 * The chance view's scale: five bins of 20 percentage points, light to dark
 * (ColorBrewer's sequential YlGnBu: its palest bin stays apart from the
 * sea); bin i holds [i/5, (i+1)/5), the last also 1.
 */
const CHANCE_COLORS = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
const chanceBin = (p: number) => Math.min(CHANCE_COLORS.length - 1, Math.floor(p * CHANCE_COLORS.length));

/** A probability in percent for a tooltip: whole percent, "< 1 %" for a small non-zero one. */
function percent(p: number): string {
  if (p > 0 && p < 0.01) return "< 1 %";
  if (p < 1 && p > 0.99) return "> 99 %";
  return `${Math.round(p * 100)} %`;
}

/** A legend: one colour key and its words per entry. */
export function legend(entries: { color: string; label: string; line?: boolean }[], testid?: string): HTMLElement {
  return h("ul", { class: "legend", "data-testid": testid },
    entries.map((e) => h("li", {},
      h("span", { class: e.line ? "swatch line" : "swatch", style: e.line ? `border-top-color: ${e.color}` : `background: ${e.color}`, "aria-hidden": "true" }),
      e.label)));
}

function stateLegend(): HTMLElement {
  return legend([...MAP_STATES.map((st) => ({ color: STATE_COLORS[st], label: t(`camp.country.${st}`) })),
    { color: NOT_REACHED, label: t("camp.country.none") }], "map-legend");
}

function chanceLegend(): HTMLElement {
  const step = 100 / CHANCE_COLORS.length;
  return legend(CHANCE_COLORS.map((color, i) => ({ color, label: `${i * step}–${(i + 1) * step} %` })), "map-legend");
}

/**
 * The countries card of campaign `code` (URI-encoded): the map by state at
 * once; the chance view is offered once `forecast` arrives (its button stays
 * disabled if the forecast fails: the forecast card shows that error).
 */
export function countriesCard(code: string, forecast: Promise<Forecast>): HTMLElement {
  let view: "state" | "chance" = "state";
  let states: CountryStates | null = null;
  let names = new Map<string, string>();
  let chances: Record<string, number> | null = null;
  const legendHolder = h("div", {}, stateLegend());
  const mapHolder = h("div", {});
  const button = (which: "state" | "chance") => h("button", {
    type: "button", "aria-pressed": which === view ? "true" : "false", disabled: which === "chance",
    "data-view": which, onclick: () => show(which),
  }, t(`camp.map.${which}`));
  const buttons = { state: button("state"), chance: button("chance") };
  const card = h("section", { class: "card", "data-testid": "countries-card" },
    h("div", { class: "card-head" }, h("h2", {}, t("camp.countries")),
      h("div", { class: "map-views", role: "group", "aria-label": t("camp.map.views") }, buttons.state, buttons.chance)),
    legendHolder, mapHolder);

  const name = (iso: string | null, fallback: string) => (iso && names.get(iso)) || fallback;
  function draw(): void {
    if (!states) return;
    const s = states;
    const c = chances;
    mapHolder.replaceChildren(view === "chance" && c
      ? worldMap(
        (iso) => (iso && iso in c ? CHANCE_COLORS[chanceBin(c[iso])] : NOT_REACHED),
        (iso, n) => `${name(iso, n)}: ${iso && iso in c ? `${t("camp.map.chance")} ${percent(c[iso])}` : t("camp.map.noMember")}`,
        [], `${t("camp.countries")}: ${t("camp.map.chance")}`)
      : worldMap(
        (iso) => (iso && STATE_COLORS[s[iso]]) || NOT_REACHED,
        (iso, n) => `${name(iso, n)}: ${t(`camp.country.${(iso && s[iso]) || "none"}`)}`,
        [], t("camp.countries")));
  }
  function show(which: "state" | "chance"): void {
    view = which;
    buttons.state.setAttribute("aria-pressed", String(which === "state"));
    buttons.chance.setAttribute("aria-pressed", String(which === "chance"));
    legendHolder.replaceChildren(which === "chance" ? chanceLegend() : stateLegend());
    draw();
  }

  Promise.all([get<CountryStates>(`/api/campaigns/${code}/countries-map`), countryNames()])
    .then(([s, n]) => { states = s; names = n; draw(); })
    .catch((e) => mapHolder.append(errorBox(e)));
  forecast
    .then((f) => { chances = f.member_probabilities ?? null; buttons.chance.disabled = chances === null; })
    .catch(() => undefined);
  return card;
}
