// Campaigns: the list, and the dashboard of one campaign — the tally of
// endorsing UN member states against the majority, the world coloured by each
// country's state, the referral tree of the cascade, the waves over time,
// overdue replies with a one-click reminder, and the forecast beside the
// actual tally.

import { get, post } from "../api";
import { h } from "../dom";
import { addStrings, t } from "../i18n";
import { canCoordinate, currentUser } from "../session";
import { errorBox, field, fixed, today } from "../format";
import { worldMap } from "../worldmap";
import { refresh } from "../router";

addStrings({
  en: {
    "camp.title": "Campaigns",
    "camp.none": "No campaigns yet.",
    "camp.endorsing": "UN member states endorsing",
    "camp.of": "of",
    "camp.needed": "needed for a majority",
    "camp.reached": "Majority reached",
    "camp.forecast": "Forecast",
    "camp.forecastNote": "expected endorsing member states if the cascade runs its course",
    "camp.cities": "Cities",
    "camp.contacted": "contacted",
    "camp.replied": "replied",
    "camp.forwarded": "forwarded",
    "camp.overdue": "overdue",
    "camp.countries": "Countries",
    "camp.mapLegend": "endorsed · declined · asked · reached · not reached",
    "camp.tree": "Who brought in whom",
    "camp.waves": "Over time",
    "camp.overdueTitle": "Overdue replies",
    "camp.remind": "Remind",
    "camp.reminded": "Reminder registered",
    "camp.noOverdue": "No reply is overdue.",
    "camp.endorse": "Record a foreign ministry's answer",
    "camp.country": "Country (ISO code)",
    "camp.evidence": "Evidence: incoming letter (id or number)",
    "camp.declined": "The ministry declined",
    "camp.save": "Record",
    "camp.byRegion": "By region",
    "camp.originators": "Originators",
    "camp.asks": "Asks",
    "camp.wave": "wave",
  },
  ru: {
    "camp.title": "Кампании",
    "camp.none": "Кампаний пока нет.",
    "camp.endorsing": "Государства — члены ООН, поддержавшие инициативу",
    "camp.of": "из",
    "camp.needed": "нужно для большинства",
    "camp.reached": "Большинство достигнуто",
    "camp.forecast": "Прогноз",
    "camp.forecastNote": "ожидаемое число поддержавших государств, если каскад пройдёт до конца",
    "camp.cities": "Города",
    "camp.contacted": "получили письмо",
    "camp.replied": "ответили",
    "camp.forwarded": "переслали",
    "camp.overdue": "просрочено",
    "camp.countries": "Страны",
    "camp.mapLegend": "поддержали · отказали · запрошены · охвачены · не охвачены",
    "camp.tree": "Кто кого привлёк",
    "camp.waves": "Во времени",
    "camp.overdueTitle": "Просроченные ответы",
    "camp.remind": "Напомнить",
    "camp.reminded": "Напоминание зарегистрировано",
    "camp.noOverdue": "Просроченных ответов нет.",
    "camp.endorse": "Записать ответ МИД",
    "camp.country": "Страна (код ISO)",
    "camp.evidence": "Основание: входящее письмо (id или номер)",
    "camp.declined": "МИД отказал",
    "camp.save": "Записать",
    "camp.byRegion": "По регионам",
    "camp.originators": "Инициаторы",
    "camp.asks": "Просьбы",
    "camp.wave": "волна",
  },
});

interface Campaign {
  id: number;
  code: string;
  title: string;
  initiative: string;
  asks: string[];
  originators: number[];
  majority_needed: number;
  member_states: number;
}

interface City {
  id: number;
  name: string;
  country: string;
}

interface Contact {
  city: City;
  state: string;
  wave: number;
  referred_by: number | null;
  reply_due: string | null;
  sent_on: string | null;
}

interface Status {
  cities_contacted: number;
  cities_replied: number;
  cities_forwarded: number;
  cities_overdue: number;
  countries_reached: number;
  un_members_endorsing: number;
  majority_needed: number;
  member_states: number;
  majority_reached: boolean;
  by_region: { region: string; members: number; reached: number; asked: number; endorsing: number; declined: number }[];
}

interface CampaignEvent {
  date: string;
  kind: string;
}

const STATE_COLORS: Record<string, string> = {
  endorsed: "#2e7d32",
  declined: "#b3261e",
  asked: "#f2a900",
  reached: "#8fb3de",
};

export async function renderCampaigns(main: HTMLElement): Promise<void> {
  main.className = "page";
  main.append(h("h1", {}, t("camp.title")));
  try {
    const r = await get<Campaign[] | { items: Campaign[] }>("/api/campaigns");
    const list = Array.isArray(r) ? r : r.items;
    main.append(list.length
      ? h("ul", { class: "card campaign-list" }, list.map((c) =>
          h("li", {}, h("a", { href: `/campaigns/${c.code}`, "data-link": true }, c.title), h("span", { class: "muted" }, ` · ${c.code}`))))
      : h("p", { class: "muted" }, t("camp.none")));
  } catch (e) {
    main.append(errorBox(e));
  }
}

export async function renderCampaign(main: HTMLElement, params: Record<string, string>): Promise<void> {
  main.className = "page wide";
  const code = encodeURIComponent(params.code);
  let detail: { campaign: Campaign; contacts: Contact[] };
  let status: Status;
  try {
    [detail, status] = await Promise.all([
      get<{ campaign: Campaign; contacts: Contact[] }>(`/api/campaigns/${code}`),
      get<Status>(`/api/campaigns/${code}/status?as_of=${today()}`),
    ]);
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  const c = detail.campaign;
  const originators = await Promise.all(c.originators.map((id) => get<City>(`/api/cities/${id}`)));
  const tally = tallyCard(status);
  const forecastBox = h("div", { class: "forecast", "data-testid": "forecast" }, t("common.loading"));
  main.append(
    h("header", { class: "page-head" }, h("h1", {}, c.title), h("span", { class: "muted" }, c.code)),
    h("div", { class: "dash-top" }, tally, h("section", { class: "card" }, h("h2", {}, t("camp.forecast")), forecastBox)),
  );
  get<{ mean: number; ci95: { low: number; high: number } }>(`/api/forecast?campaign=${code}&runs=2000`)
    .then((f) => forecastBox.replaceChildren(
      h("div", { class: "big" }, fixed(f.mean)),
      h("div", { class: "muted" }, `95% CI ${fixed(f.ci95.low)} – ${fixed(f.ci95.high)}`),
      h("p", { class: "muted" }, t("camp.forecastNote"))))
    .catch((e) => forecastBox.replaceChildren(errorBox(e)));

  const mapHolder = h("section", { class: "card" }, h("h2", {}, t("camp.countries")),
    h("p", { class: "legend muted" }, t("camp.mapLegend")));
  main.append(mapHolder);
  get<Record<string, string>>(`/api/campaigns/${code}/countries-map`)
    .then((states) => mapHolder.append(worldMap(
      (iso) => (iso && STATE_COLORS[states[iso]]) || "#e6e3da",
      (iso, name) => `${name}: ${(iso && states[iso]) || "—"}`,
      [], t("camp.countries"))))
    .catch((e) => mapHolder.append(errorBox(e)));

  main.append(h("div", { class: "dash-grid" },
    treeCard(c, detail.contacts, originators),
    h("div", {},
      regionsCard(status),
      timelineCard(code),
      overdueCard(code, detail.contacts),
      canCoordinate() || currentUser()?.role === "correspondent" ? endorseCard(code) : null)));
}

function tallyCard(s: Status): HTMLElement {
  const pct = (n: number) => `${(100 * n) / s.member_states}%`;
  return h("section", { class: "card tally", "data-testid": "tally" },
    h("h2", {}, t("camp.endorsing")),
    h("div", { class: "big" }, h("span", { "data-testid": "endorsing-count" }, String(s.un_members_endorsing)),
      h("span", { class: "muted" }, ` ${t("camp.of")} ${s.majority_needed} ${t("camp.needed")} (${s.member_states})`)),
    h("div", { class: "bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": s.member_states, "aria-valuenow": s.un_members_endorsing },
      h("div", { class: "fill", style: `width: ${pct(s.un_members_endorsing)}` }),
      h("div", { class: "majority", style: `left: ${pct(s.majority_needed)}`, title: `${s.majority_needed}` })),
    s.majority_reached ? h("p", { class: "ok" }, t("camp.reached")) : null,
    h("p", {}, `${t("camp.cities")}: ${s.cities_contacted} ${t("camp.contacted")}, ${s.cities_replied} ${t("camp.replied")}, ${s.cities_forwarded} ${t("camp.forwarded")}, ${s.cities_overdue} ${t("camp.overdue")}`));
}

function regionsCard(s: Status): HTMLElement {
  return h("section", { class: "card" }, h("h2", {}, t("camp.byRegion")),
    h("table", { class: "compact" }, h("tbody", {}, s.by_region.map((r) =>
      h("tr", {}, h("th", {}, r.region), h("td", {}, `${r.endorsing} / ${r.members}`),
        h("td", { class: "muted" }, `${r.reached} ${t("camp.contacted")}, ${r.asked} ?`))))));
}

function treeCard(c: Campaign, contacts: Contact[], originators: City[]): HTMLElement {
  const children = new Map<number, Contact[]>();
  for (const k of contacts) {
    const parent = k.referred_by ?? 0;
    const list = children.get(parent) ?? [];
    list.push(k);
    children.set(parent, list);
  }
  const names = new Map([...contacts.map((k) => [k.city.id, k.city] as const), ...originators.map((o) => [o.id, o] as const)]);
  const node = (id: number, label: HTMLElement | string, depth: number): HTMLElement => {
    const kids = (children.get(id) ?? []).sort((a, b) => a.city.name.localeCompare(b.city.name));
    const item = h("li", {}, label);
    if (kids.length && depth < 8) {
      item.append(h("ul", {}, kids.map((k) =>
        node(k.city.id, h("span", {},
          h("a", { href: `/city/${k.city.id}`, "data-link": true }, k.city.name),
          h("span", { class: "muted" }, `, ${k.city.country} · `),
          h("span", { class: `state state-${k.state}` }, k.state)), depth + 1))));
    }
    return item;
  };
  return h("section", { class: "card tree" }, h("h2", {}, t("camp.tree")),
    h("ul", { class: "referral-tree", "data-testid": "referral-tree" },
      c.originators.map((o) => node(o, h("strong", {}, names.get(o)?.name ?? `#${o}`), 0))));
}

function timelineCard(code: string): HTMLElement {
  const card = h("section", { class: "card" }, h("h2", {}, t("camp.waves")));
  get<CampaignEvent[]>(`/api/campaigns/${code}/timeline`)
    .then((events) => card.append(timelineChart(events)))
    .catch((e) => card.append(errorBox(e)));
  return card;
}

/** Cumulative letters sent, replies and endorsements per day, as an SVG chart. */
function timelineChart(events: CampaignEvent[]): SVGSVGElement | HTMLElement {
  const kinds = ["sent", "replied", "endorsed"] as const;
  const colors = { sent: "#1d4f91", replied: "#e07b00", endorsed: "#2e7d32" };
  const relevant = events.filter((e) => (kinds as readonly string[]).includes(e.kind));
  if (!relevant.length) return h("p", { class: "muted" }, "—");
  const days = [...new Set(relevant.map((e) => e.date))].sort();
  const series = Object.fromEntries(kinds.map((k) => {
    let n = 0;
    return [k, days.map((d) => (n += relevant.filter((e) => e.kind === k && e.date === d).length))];
  })) as Record<(typeof kinds)[number], number[]>;
  const W = 420, H = 160, P = 28;
  const max = Math.max(1, ...kinds.map((k) => series[k][series[k].length - 1]));
  const x = (i: number) => P + (days.length === 1 ? 0 : (i * (W - 2 * P)) / (days.length - 1));
  const y = (v: number) => H - P - (v * (H - 2 * P)) / max;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("class", "chart");
  svg.setAttribute("role", "img");
  for (const k of kinds) {
    const path = document.createElementNS(ns, "polyline");
    path.setAttribute("points", series[k].map((v, i) => `${x(i)},${y(v)}`).join(" "));
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", colors[k]);
    path.setAttribute("stroke-width", "2");
    const title = document.createElementNS(ns, "title");
    title.textContent = `${k}: ${series[k][series[k].length - 1]}`;
    path.append(title);
    svg.append(path);
  }
  const label = (text: string, lx: number, ly: number, anchor = "start") => {
    const el = document.createElementNS(ns, "text");
    el.setAttribute("x", String(lx));
    el.setAttribute("y", String(ly));
    el.setAttribute("text-anchor", anchor);
    el.textContent = text;
    svg.append(el);
  };
  label(days[0], P, H - 8);
  label(days[days.length - 1], W - P, H - 8, "end");
  label(String(max), 4, P);
  kinds.forEach((k, i) => label(`— ${k}`, W - P - 170 + i * 60, 14));
  return svg;
}

function overdueCard(code: string, contacts: Contact[]): HTMLElement {
  const late = contacts
    .filter((k) => (k.state === "letter_sent" || k.state === "received") && k.reply_due && k.reply_due < today())
    .sort((a, b) => a.city.name.localeCompare(b.city.name));
  const card = h("section", { class: "card" }, h("h2", {}, `${t("camp.overdueTitle")} (${late.length})`));
  if (!late.length) {
    card.append(h("p", { class: "muted" }, t("camp.noOverdue")));
    return card;
  }
  card.append(h("ul", { class: "overdue", "data-testid": "overdue" }, late.slice(0, 100).map((k) => {
    const button = h("button", { type: "button", class: "small" }, t("camp.remind"));
    button.hidden = !canCoordinate();
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await post(`/api/campaigns/${code}/remind`, { as_of: today(), cities: [k.city.id] });
        button.replaceWith(h("span", { class: "ok" }, t("camp.reminded")));
      } catch (e) {
        button.replaceWith(errorBox(e));
      }
    });
    return h("li", {}, h("a", { href: `/city/${k.city.id}`, "data-link": true }, k.city.name),
      h("span", { class: "muted" }, `, ${k.city.country} · ${t("camp.wave")} ${k.wave} · ${k.reply_due}`), " ", button);
  })));
  return card;
}

function endorseCard(code: string): HTMLElement {
  const country = h("input", { name: "country", maxlength: 2, size: 3, required: true });
  const evidence = h("input", { name: "evidence", required: true });
  const declined = h("input", { type: "checkbox", name: "declined" });
  const result = h("div", {});
  const form = h("form", { class: "form", "data-testid": "endorse-form" },
    field(t("camp.country"), country),
    field(t("camp.evidence"), evidence),
    h("label", { class: "check" }, declined, " ", t("camp.declined")),
    result,
    h("button", { type: "submit", class: "primary" }, t("camp.save")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    result.replaceChildren();
    try {
      // A letter id (digits) or its registration number.
      const ref = evidence.value.trim();
      await post(`/api/campaigns/${code}/endorse`, {
        country: country.value.trim().toUpperCase(),
        evidence: /^\d+$/.test(ref) ? Number(ref) : ref,
        declined: declined.checked,
      });
      refresh();
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  });
  return h("section", { class: "card" }, h("h2", {}, t("camp.endorse")), form);
}
