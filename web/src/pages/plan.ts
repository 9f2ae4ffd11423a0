// The planner: a forecast of a campaign (from chosen originating cities or a
// campaign's actual state) with the chance of at least the campaign's
// majority and, from a campaign, the calibration it rests on; and a plan of
// the cities to write to next, with each pick's marginal gain, why it is
// picked (the member states it opens, through which twins) and the picks
// on the map. Long runs show their progress (elapsed time) while the server
// computes.

import { get, itemsOf } from "../api";
import { h } from "../dom";
import { addStrings, t, tf } from "../i18n";
import { searchBox, type CityHit } from "../search";
import { count, errorBox, field, fixed } from "../format";
import { cityName } from "../citynames";
import { worldMap, type MapPoint } from "../worldmap";
import { loadMapData } from "./map";
import { countryNames } from "../countries";
import { forecastBasis } from "../forecast_basis";
import type { JsonOf, operations } from "../schemas";

addStrings({
  en: {
    "plan.title": "Forecast and plan",
    "plan.seeds": "Originating cities",
    "plan.campaign": "Or start from a campaign",
    "plan.none": "— none —",
    "plan.comply": "p: chance an informed city complies",
    "plan.endorse": "q: chance a city's ask to its ministry succeeds",
    "plan.runs": "Runs",
    "plan.budget": "Cities to pick",
    "plan.forecast": "Forecast",
    "plan.plan": "Plan",
    "plan.running": "Computing…",
    "plan.mean": "Expected endorsing UN member states",
    "plan.informed": "cities informed",
    "plan.complying": "complying",
    "plan.picks": "Write to these cities next",
    "plan.gain": "Marginal gain",
    "plan.total": "Expected total",
    "plan.base": "Without new letters",
    "plan.needSeeds": "Choose originating cities or a campaign.",
    "plan.city": "City",
    "plan.why": "Why",
    "plan.opens": "opens {country} +{gain}",
    "plan.noChain": "no current chain reaches it",
    "plan.before": "endorsing in {p}% of runs before",
    "plan.via": "via {cities}",
    "plan.notMember": "not a UN member: twinned in {n} member states",
  },
  ru: {
    "plan.title": "Прогноз и план",
    "plan.seeds": "Города-инициаторы",
    "plan.campaign": "Или начать с кампании",
    "plan.none": "— нет —",
    "plan.comply": "p: вероятность, что город поддержит",
    "plan.endorse": "q: вероятность, что МИД ответит согласием",
    "plan.runs": "Прогонов",
    "plan.budget": "Сколько городов выбрать",
    "plan.forecast": "Прогноз",
    "plan.plan": "План",
    "plan.running": "Идёт расчёт…",
    "plan.mean": "Ожидаемое число поддержавших государств — членов ООН",
    "plan.informed": "городов получат письмо",
    "plan.complying": "поддержат",
    "plan.picks": "Кому написать дальше",
    "plan.gain": "Прирост",
    "plan.why": "Почему",
    "plan.opens": "открывает {country} +{gain}",
    "plan.noChain": "сейчас её не достигает ни одна цепочка",
    "plan.before": "прежде поддерживала в {p}% прогонов",
    "plan.via": "через {cities}",
    "plan.notMember": "не член ООН: побратимы в {n} государствах — членах ООН",
    "plan.total": "Итого ожидается",
    "plan.base": "Без новых писем",
    "plan.needSeeds": "Выберите города-инициаторы или кампанию.",
    "plan.city": "Город",
  },
});

/** GET /api/forecast */
type Forecast = JsonOf<operations["getForecast"]["responses"][200]>;
/** GET /api/plan */
type Plan = JsonOf<operations["getPlan"]["responses"][200]>;
type Pick = Plan["picks"][number];

/** Why a pick is picked: the member states it opens (how likely before, through which twins). */
function pickReasons(pick: Pick, names: Map<string, string>): HTMLElement {
  const lines: string[] = [];
  if (pick.un_member === false) lines.push(tf("plan.notMember", { n: pick.member_twin_countries ?? 0 }));
  for (const o of pick.opens ?? []) {
    const parts = [tf("plan.opens", { country: names.get(o.country.iso2) ?? o.country.name, gain: fixed(o.gain ?? 0, 2) }),
      (o.before ?? 0) > 0 ? tf("plan.before", { p: fixed(100 * (o.before ?? 0), 0) }) : t("plan.noChain")];
    if (o.via?.length) parts.push(tf("plan.via", { cities: o.via.map(cityName).join(", ") }));
    lines.push(parts.join(", "));
  }
  return h("td", { "data-testid": "pick-reasons" }, ...lines.map((line) => h("div", {}, line)));
}

export async function renderPlan(main: HTMLElement): Promise<void> {
  main.className = "page";
  const seeds: CityHit[] = [];
  const chips = h("div", { class: "chips", "data-testid": "seeds" });
  const renderChips = () => chips.replaceChildren(...seeds.map((s, i) =>
    h("span", { class: "chip" }, `${cityName(s)}, ${s.country} `,
      h("button", { type: "button", class: "chip-x", "aria-label": `${t("common.remove")}: ${cityName(s)}`, onclick: () => {
        seeds.splice(i, 1);
        renderChips();
      } }, "×"))));
  const picker = searchBox((c) => {
    if (!seeds.some((s) => s.id === c.id)) seeds.push(c);
    renderChips();
  });
  const campaign = h("select", { name: "campaign" }, h("option", { value: "" }, t("plan.none")));
  get<JsonOf<operations["listCampaigns"]["responses"][200]>>("/api/campaigns")
    .then((r) => {
      for (const c of itemsOf(r)) campaign.append(h("option", { value: c.code }, c.title));
      const wanted = new URLSearchParams(location.search).get("campaign");
      if (wanted) campaign.value = wanted;
    })
    .catch(() => undefined);
  const comply = h("input", { type: "number", step: "0.05", min: 0, max: 1, value: "0.35", name: "comply" });
  const endorse = h("input", { type: "number", step: "0.05", min: 0, max: 1, value: "0.5", name: "endorse" });
  const runs = h("input", { type: "number", min: 100, max: 100000, step: 100, value: "10000", name: "runs" });
  const budget = h("input", { type: "number", min: 1, max: 50, value: "10", name: "budget" });
  const forecastButton = h("button", { type: "button", class: "primary" }, t("plan.forecast"));
  const planButton = h("button", { type: "button" }, t("plan.plan"));
  const progress = h("p", { class: "progress", role: "status", "aria-live": "polite" });
  const results = h("div", { "data-testid": "plan-results" });

  main.append(
    h("h1", {}, t("plan.title")),
    h("section", { class: "card form-grid" },
      h("div", { class: "field" }, h("span", { class: "label" }, t("plan.seeds")), picker, chips),
      field(t("plan.campaign"), campaign),
      field(t("plan.comply"), comply),
      field(t("plan.endorse"), endorse),
      field(t("plan.runs"), runs),
      field(t("plan.budget"), budget),
      h("div", { class: "actions" }, forecastButton, planButton),
      progress),
    results,
  );

  const query = (): URLSearchParams | null => {
    const q = new URLSearchParams();
    for (const s of seeds) q.append("seed", String(s.id));
    if (campaign.value) q.set("campaign", campaign.value);
    if (!seeds.length && !campaign.value) return null;
    q.set("comply", comply.value);
    q.set("endorse", endorse.value);
    return q;
  };

  async function running<T>(work: () => Promise<T>): Promise<T | undefined> {
    const started = performance.now();
    forecastButton.disabled = planButton.disabled = true;
    const timer = window.setInterval(() => {
      progress.textContent = `${t("plan.running")} ${((performance.now() - started) / 1000).toFixed(1)} ${t("common.seconds")}`;
    }, 100);
    progress.textContent = t("plan.running");
    try {
      return await work();
    } catch (e) {
      results.replaceChildren(errorBox(e));
      return undefined;
    } finally {
      window.clearInterval(timer);
      progress.textContent = "";
      forecastButton.disabled = planButton.disabled = false;
    }
  }

  forecastButton.addEventListener("click", async () => {
    const q = query();
    if (!q) return void results.replaceChildren(errorBox(new Error(t("plan.needSeeds"))));
    q.set("runs", runs.value);
    const f = await running(() => get<Forecast>(`/api/forecast?${q}`));
    if (!f) return;
    results.replaceChildren(h("section", { class: "card", "data-testid": "forecast-result" },
      h("h2", {}, t("plan.mean")),
      h("div", { class: "big" }, fixed(f.mean), h("span", { class: "muted" }, ` ± ${fixed(1.96 * f.se, 2)}`)),
      h("p", { class: "muted" }, `${t("common.ci95")} ${fixed(f.ci95.low)} – ${fixed(f.ci95.high)} · ${count(f.runs)} ${t("common.runs")} · ${fixed(f.seconds, 2)} ${t("common.seconds")}`),
      h("p", {}, `${fixed(f.mean_informed, 0)} ${t("plan.informed")}, ${fixed(f.mean_complying, 0)} ${t("plan.complying")}`),
      ...forecastBasis(f)));
  });

  planButton.addEventListener("click", async () => {
    const q = query();
    if (!q) return void results.replaceChildren(errorBox(new Error(t("plan.needSeeds"))));
    q.set("budget", budget.value);
    q.set("runs", String(Math.min(Number(runs.value) || 1000, 3000)));
    q.set("check_runs", "10000");  // the chance of the campaign's majority with these letters
    const p = await running(() => get<Plan>(`/api/plan?${q}`));
    if (!p) return;
    const [map, names] = await Promise.all([loadMapData().catch(() => null), countryNames()]);
    const where = new Map<number, [number | null, number | null]>();
    map?.cities.id.forEach((id, i) => where.set(id, [map.cities.lat[i], map.cities.lng[i]]));
    const points: MapPoint[] = [];
    p.picks.forEach((pk, i) => {
      const [lat, lng] = where.get(pk.city.id) ?? [null, null];
      if (lat !== null && lng !== null) points.push({ lat, lng, label: `${i + 1}. ${cityName(pk.city)}`, rank: i + 1 });
    });
    results.replaceChildren(h("section", { class: "card", "data-testid": "plan-picks" },
      h("h2", {}, t("plan.picks")),
      h("p", { class: "muted" }, `${t("plan.base")}: ${fixed(p.base, 2)} · ${fixed(p.seconds, 2)} ${t("common.seconds")}`),
      ...forecastBasis({ at_least: p.check?.at_least, calibration: p.calibration }),
      h("table", { class: "register" },
        h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, t("plan.city")), h("th", {}, t("plan.gain")), h("th", {}, t("plan.total")), h("th", {}, t("plan.why")))),
        h("tbody", {}, p.picks.map((pk, i) => h("tr", {},
          h("td", {}, String(i + 1)),
          h("td", {}, h("a", { href: `/city/${pk.city.id}`, "data-link": true }, cityName(pk.city)), h("span", { class: "muted" }, `, ${pk.city.country}`)),
          h("td", {}, `+${fixed(pk.gain, 2)}`),
          h("td", {}, fixed(pk.cumulative, 2)),
          pickReasons(pk, names))))),
      worldMap(() => "#e6e3da", (_iso, name) => name, points, t("plan.picks"))));
  });
}
