// Campaigns: the list, and the dashboard of one campaign — the tally of
// endorsing UN member states against the majority, the world coloured by each
// country's state or its chance of endorsing (campaign_map.ts), the referral
// tree of the cascade, the waves over time, overdue replies with a one-click
// reminder, and the forecast beside the actual tally.

import { ApiError, get, itemsOf, post } from "../api";
import { h } from "../dom";
import { addStrings, lang, t, tOr } from "../i18n";
import { count, errorBox, field, fixed, today, type CityRef } from "../format";
import { refresh } from "../router";
import { renderNotFound } from "./notfound";
import { countryNames } from "../countries";
import { cityName } from "../citynames";
import { forecastBasis } from "../forecast_basis";
import { countriesCard, legend, type Forecast } from "./campaign_map";
import type { JsonOf, Page, Schemas, operations } from "../schemas";

addStrings({
  en: {
    "camp.title": "Campaigns",
    "camp.none": "No campaigns yet.",
    "camp.endorsing": "UN member states endorsing",
    "camp.of": "of",
    "camp.needed": "needed for a majority",
    "camp.endorsingNames": "Endorsing",
    "camp.reached": "Majority reached",
    "camp.forecast": "Forecast",
    "camp.forecastNote": "expected endorsing member states if the cascade runs its course",
    "camp.cities": "Cities",
    "camp.contacted": "contacted",
    "camp.replied": "replied",
    "camp.forwarded": "forwarded",
    "camp.overdue": "overdue",
    "camp.countries": "Countries",
    "camp.country.endorsed": "endorsed",
    "camp.country.declined": "declined",
    "camp.country.asked": "ministry asked",
    "camp.country.reached": "a city reached",
    "camp.country.none": "not reached",
    "camp.contact.not_contacted": "not contacted",
    "camp.contact.letter_sent": "letter sent",
    "camp.contact.received": "letter received",
    "camp.contact.replied": "replied",
    "camp.contact.forwarded": "forwarded",
    "camp.event.sent": "letters sent",
    "camp.event.replied": "replies",
    "camp.event.forwarded": "forwards",
    "camp.event.endorsed": "endorsements",
    "camp.event.letter_linked": "letters linked",
    "camp.noEvents": "Nothing has happened in the campaign yet.",
    "camp.region": "Region",
    "camp.regionMembers": "UN members",
    "camp.regionReached": "reached",
    "camp.regionAsked": "ministry asked",
    "camp.regionEndorsing": "endorsing",
    "camp.regionDeclined": "declined",
    "camp.tree": "Who brought in whom",
    "camp.waves": "Over time",
    "camp.overdueTitle": "Overdue replies",
    "camp.remind": "Remind",
    "camp.reminded": "Reminder registered",
    "camp.noOverdue": "No reply is overdue.",
    "camp.endorse": "Record a foreign ministry's answer",
    "camp.country": "Country (name or ISO code)",
    "camp.evidence": "Evidence: incoming letter",
    "camp.evidenceNo": "evidence No",
    "camp.noEvidence": "No incoming letter you may cite is registered yet.",
    "camp.state.unknown": "unknown",
    "camp.state.asked": "asked",
    "camp.state.endorsed": "endorsed",
    "camp.state.declined": "declined",
    "camp.answers": "Recorded answers",
    "camp.correct": "Correct",
    "camp.correctTitle": "Correct the recorded answer",
    "camp.newState": "It should read",
    "camp.reason": "Why the record is wrong",
    "camp.corrected": "corrected",
    "camp.previewTo": "To",
    "camp.previewFrom": "From the register of",
    "camp.confirmRemind": "Register reminder No",
    "camp.confirmNote": "This takes the next number of the register; a registered number cannot be taken back.",
    "camp.cancel": "Cancel",
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
    "camp.endorsingNames": "Поддержали",
    "camp.reached": "Большинство достигнуто",
    "camp.forecast": "Прогноз",
    "camp.forecastNote": "ожидаемое число поддержавших государств, если каскад пройдёт до конца",
    "camp.cities": "Города",
    "camp.contacted": "получили письмо",
    "camp.replied": "ответили",
    "camp.forwarded": "переслали",
    "camp.overdue": "просрочено",
    "camp.countries": "Страны",
    "camp.country.endorsed": "поддержала",
    "camp.country.declined": "отказала",
    "camp.country.asked": "МИД запрошен",
    "camp.country.reached": "охвачен город",
    "camp.country.none": "не охвачена",
    "camp.contact.not_contacted": "не получал письма",
    "camp.contact.letter_sent": "письмо отправлено",
    "camp.contact.received": "письмо получено",
    "camp.contact.replied": "ответил",
    "camp.contact.forwarded": "переслал",
    "camp.event.sent": "отправлено писем",
    "camp.event.replied": "ответов",
    "camp.event.forwarded": "пересылок",
    "camp.event.endorsed": "поддержек",
    "camp.event.letter_linked": "привязано писем",
    "camp.noEvents": "В кампании пока ничего не произошло.",
    "camp.region": "Регион",
    "camp.regionMembers": "члены ООН",
    "camp.regionReached": "охвачено",
    "camp.regionAsked": "МИД запрошен",
    "camp.regionEndorsing": "поддержали",
    "camp.regionDeclined": "отказали",
    "camp.tree": "Кто кого привлёк",
    "camp.waves": "Во времени",
    "camp.overdueTitle": "Просроченные ответы",
    "camp.remind": "Напомнить",
    "camp.reminded": "Напоминание зарегистрировано",
    "camp.noOverdue": "Просроченных ответов нет.",
    "camp.endorse": "Записать ответ МИД",
    "camp.country": "Страна (название или код ISO)",
    "camp.evidence": "Основание: входящее письмо",
    "camp.evidenceNo": "основание №",
    "camp.noEvidence": "Входящих писем, на которые вы можете сослаться, пока нет.",
    "camp.state.unknown": "неизвестно",
    "camp.state.asked": "запрошен",
    "camp.state.endorsed": "поддержал",
    "camp.state.declined": "отказал",
    "camp.answers": "Записанные ответы",
    "camp.correct": "Исправить",
    "camp.correctTitle": "Исправить записанный ответ",
    "camp.newState": "Должно быть",
    "camp.reason": "Почему запись неверна",
    "camp.corrected": "исправлено",
    "camp.previewTo": "Кому",
    "camp.previewFrom": "Из журнала",
    "camp.confirmRemind": "Зарегистрировать напоминание №",
    "camp.confirmNote": "Будет занят следующий номер журнала; зарегистрированный номер нельзя отменить.",
    "camp.cancel": "Отмена",
    "camp.declined": "МИД отказал",
    "camp.save": "Записать",
    "camp.byRegion": "По регионам",
    "camp.originators": "Инициаторы",
    "camp.asks": "Просьбы",
    "camp.wave": "волна",
  },
});

type Campaign = Schemas["Campaign"];

/** A campaign's title in the interface's language (its `titles`, set per language by
 *  coordinators), else its default title. */
export const campaignTitle = (c: Pick<Campaign, "title" | "titles">): string =>
  c.titles?.[lang()] ?? c.title ?? "";

/** GET /api/campaigns/{code}: the campaign, its contacts, the ministries, what the caller may do. */
type CampaignDetail = JsonOf<operations["getCampaign"]["responses"][200]>;
type Contact = CampaignDetail["contacts"][number];
/** What the caller may do, as the server decides it (GET /api/campaigns/{code} "can"). */
type Can = CampaignDetail["can"];
type Stance = Schemas["CountryStance"];
/** GET /api/campaigns/{code}/ministry-countries. */
type CountryChoice = JsonOf<operations["listMinistryCountries"]["responses"][200]>[number];
/** A row of GET /api/letters. */
type LetterRow = Schemas["LetterSummary"];
type Reminder = JsonOf<operations["remindCampaignCities"]["responses"][200]>[number];
type Status = JsonOf<operations["getCampaignStatus"]["responses"][200]>;
type CampaignEvent = Schemas["CampaignEvent"];

/** A region of the UN's (Africa, Americas, ...) in the interface's language. */
const regionName = (region: string) => tOr(`region.${region}`, region);

export async function renderCampaigns(main: HTMLElement): Promise<void> {
  main.className = "page";
  main.append(h("h1", {}, t("camp.title")));
  try {
    const list = itemsOf(await get<Page<Campaign>>("/api/campaigns"));
    main.append(list.length
      ? h("ul", { class: "card campaign-list" }, list.map((c) =>
          h("li", {}, h("a", { href: `/campaigns/${c.code}`, "data-link": true }, campaignTitle(c)), h("span", { class: "muted" }, ` · ${c.code}`))))
      : h("p", { class: "muted" }, t("camp.none")));
  } catch (e) {
    main.append(errorBox(e));
  }
}

export async function renderCampaign(main: HTMLElement, params: Record<string, string>): Promise<void> {
  main.className = "page wide";
  const code = encodeURIComponent(params.code);
  let detail: CampaignDetail;
  let status: Status;
  try {
    [detail, status] = await Promise.all([
      get<CampaignDetail>(`/api/campaigns/${code}`),
      get<Status>(`/api/campaigns/${code}/status?as_of=${today()}`),
    ]);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return renderNotFound(main);
    main.append(h("h1", {}, t("camp.title")), errorBox(e));
    return;
  }
  const c = detail.campaign;
  const originators = await Promise.all(c.originators.map((id) => get<CityRef>(`/api/cities/${id}`)));
  const tally = tallyCard(status);
  const forecastBox = h("div", { class: "forecast", "data-testid": "forecast" }, t("common.loading"));
  main.append(
    h("header", { class: "page-head" }, h("h1", {}, campaignTitle(c)), h("span", { class: "muted" }, c.code)),
    h("div", { class: "dash-top" }, tally, h("section", { class: "card" }, h("h2", {}, t("camp.forecast")), forecastBox)),
  );
  const forecast = get<Forecast>(`/api/forecast?campaign=${code}&runs=2000`);
  forecast
    .then((f) => forecastBox.replaceChildren(
      h("div", { class: "big" }, fixed(f.mean)),
      h("div", { class: "muted" }, `${t("common.ci95")} ${fixed(f.ci95.low)} – ${fixed(f.ci95.high)}`),
      h("p", { class: "muted" }, t("camp.forecastNote")),
      ...forecastBasis(f)))
    .catch((e) => forecastBox.replaceChildren(errorBox(e)));

  main.append(countriesCard(code, forecast));

  main.append(h("div", { class: "dash-grid" },
    treeCard(c, detail.contacts, originators),
    h("div", {},
      regionsCard(status),
      timelineCard(code, c),
      overdueCard(code, detail.contacts, detail.can.remind),
      detail.can.record_ministry_answer ? ministryCard(code, detail.countries, detail.can) : null)));
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
    endorsingNames(s.endorsing),
    h("p", {}, `${t("camp.cities")}: ${s.cities_contacted} ${t("camp.contacted")}, ${s.cities_replied} ${t("camp.replied")}, ${s.cities_forwarded} ${t("camp.forwarded")}, ${s.cities_overdue} ${t("camp.overdue")}`));
}

/** The endorsing countries by name in the interface's language (none: nothing shown). */
function endorsingNames(isos: string[]): HTMLElement | null {
  if (!isos.length) return null;
  const line = h("p", { "data-testid": "endorsing-countries" }, `${t("camp.endorsingNames")}: ${isos.join(", ")}`);
  countryNames().then((names) => {
    const named = isos.map((iso) => names.get(iso) ?? iso).sort((a, b) => a.localeCompare(b, lang()));
    line.textContent = `${t("camp.endorsingNames")}: ${named.join(", ")}`;
  }).catch(() => undefined);
  return line;
}

function regionsCard(s: Status): HTMLElement {
  const num = (n: number) => h("td", { class: "num" }, count(n));
  return h("section", { class: "card" }, h("h2", {}, t("camp.byRegion")),
    h("div", { class: "table-wrap" },
      h("table", { class: "compact campaign-regions", "data-testid": "regions" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("camp.region")), h("th", { scope: "col" }, t("camp.regionMembers")),
          h("th", { scope: "col" }, t("camp.regionReached")), h("th", { scope: "col" }, t("camp.regionAsked")),
          h("th", { scope: "col" }, t("camp.regionEndorsing")), h("th", { scope: "col" }, t("camp.regionDeclined")))),
        h("tbody", {}, s.by_region.map((r) =>
          h("tr", {}, h("th", { scope: "row" }, regionName(r.region)), num(r.members), num(r.reached), num(r.asked),
            num(r.endorsing), num(r.declined)))))));
}

function treeCard(c: Campaign, contacts: Contact[], originators: CityRef[]): HTMLElement {
  const children = new Map<number, Contact[]>();
  for (const k of contacts) {
    const parent = k.referred_by ?? 0;
    const list = children.get(parent) ?? [];
    list.push(k);
    children.set(parent, list);
  }
  const names = new Map([...contacts.map((k) => [k.city.id, k.city] as const), ...originators.map((o) => [o.id, o] as const)]);
  const node = (id: number, label: HTMLElement | string, depth: number): HTMLElement => {
    const kids = (children.get(id) ?? []).sort((a, b) => cityName(a.city).localeCompare(cityName(b.city), lang()));
    const item = h("li", {}, label);
    if (kids.length && depth < 8) {
      item.append(h("ul", {}, kids.map((k) =>
        node(k.city.id, h("span", {},
          h("a", { href: `/city/${k.city.id}`, "data-link": true }, cityName(k.city)),
          h("span", { class: "muted" }, `, ${k.city.country} · `),
          h("span", { class: `state state-${k.state}` }, t(`camp.contact.${k.state}`))), depth + 1))));
    }
    return item;
  };
  return h("section", { class: "card tree" }, h("h2", {}, t("camp.tree")),
    h("ul", { class: "referral-tree", "data-testid": "referral-tree" },
      c.originators.map((o) => node(o, h("strong", {}, names.has(o) ? cityName(names.get(o) as CityRef) : `#${o}`), 0))));
}

function timelineCard(code: string, c: Campaign): HTMLElement {
  const card = h("section", { class: "card", "data-testid": "timeline" }, h("h2", {}, t("camp.waves")));
  get<CampaignEvent[]>(`/api/campaigns/${code}/timeline`)
    .then((events) => card.append(...timelineChart(events, c.starts_on)))
    .catch((e) => card.append(errorBox(e)));
  return card;
}

/** The kinds of event the chart counts, each with its colour. */
const CHART_SERIES = [
  { kind: "sent", color: "#1d4f91" },
  { kind: "replied", color: "#e07b00" },
  { kind: "forwarded", color: "#7b3fa0" },
  { kind: "endorsed", color: "#2e7d32" },
  // Letters of the register linked to the campaign (a forward or reminder
  // composed by hand, campaign/campaign_letters.h).
  { kind: "letter_linked", color: "#6b6b6b" },
] as const;

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const dayLabel = (day: number) =>
  new Date(day * DAY_MS).toLocaleDateString(lang(), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Letters sent, replies, forwards, endorsements and letters linked, counted up to each day,
 * as an SVG chart on a time axis from the campaign's start (or its first
 * event) to its last event: a step line and a dot where a count grows.
 * Events of one single day are dots over that day. With a legend of
 * colour keys and the totals.
 */
function timelineChart(events: CampaignEvent[], startsOn: string | null): HTMLElement[] | [SVGSVGElement, HTMLElement] {
  const relevant = events.filter((e) => CHART_SERIES.some((k) => k.kind === e.kind));
  if (!relevant.length) return [h("p", { class: "muted" }, t("camp.noEvents"))];
  const days = [...new Set(relevant.map((e) => dayNumber(e.date)))].sort((a, b) => a - b);
  const first = Math.min(days[0], startsOn ? dayNumber(startsOn) : days[0]);
  const last = days[days.length - 1];
  const series = CHART_SERIES.map(({ kind, color }) => {
    let n = 0;
    const points = days.map((d) => ({ day: d, n: (n += relevant.filter((e) => e.kind === kind && dayNumber(e.date) === d).length) }));
    return { kind, color, points, total: n };
  });
  const W = 420, H = 170, P = 30;
  const max = Math.max(1, ...series.map((s) => s.total));
  const x = (day: number) => (last === first ? W / 2 : P + ((day - first) * (W - 2 * P)) / (last - first));
  const y = (v: number) => H - P - (v * (H - 2 * P)) / max;
  const ns = "http://www.w3.org/2000/svg";
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": t("camp.waves") }) as SVGSVGElement;
  svg.append(el("line", { class: "axis", x1: P, y1: H - P, x2: W - P, y2: H - P }));
  for (const s of series) {
    if (!s.total) continue;
    // A step line: the count holds until the next day it grows.
    const pts: string[] = [`${x(first)},${y(0)}`];
    let prev = 0;
    for (const p of s.points) {
      pts.push(`${x(p.day)},${y(prev)}`, `${x(p.day)},${y(p.n)}`);
      prev = p.n;
    }
    if (last !== first) pts.push(`${x(last)},${y(prev)}`);
    svg.append(el("polyline", { points: pts.join(" "), fill: "none", stroke: s.color, "stroke-width": 2 }));
    let before = 0;
    for (const p of s.points) {
      if (p.n === before) continue;
      before = p.n;
      const dot = el("circle", { cx: x(p.day), cy: y(p.n), r: 4, fill: s.color, "data-kind": s.kind, "data-day": new Date(p.day * DAY_MS).toISOString().slice(0, 10) });
      dot.append(el("title", {}, `${t(`camp.event.${s.kind}`)}: ${p.n} · ${dayLabel(p.day)}`));
      svg.append(dot);
    }
  }
  svg.append(el("text", { x: last === first ? W / 2 : P, y: H - 10, "text-anchor": last === first ? "middle" : "start" }, dayLabel(first === last ? last : first)));
  if (last !== first) svg.append(el("text", { x: W - P, y: H - 10, "text-anchor": "end" }, dayLabel(last)));
  svg.append(el("text", { x: 4, y: y(max) + 4 }, String(max)));
  svg.append(el("text", { x: 4, y: y(0) + 4 }, "0"));
  return [svg, legend(series.map((s) => ({ color: s.color, line: true, label: `${t(`camp.event.${s.kind}`)}: ${count(s.total)}` })), "timeline-legend")];
}

function overdueCard(code: string, contacts: Contact[], mayRemind: boolean): HTMLElement {
  const late = contacts
    .filter((k) => k.overdue)
    .sort((a, b) => cityName(a.city).localeCompare(cityName(b.city), lang()));
  const card = h("section", { class: "card" }, h("h2", {}, `${t("camp.overdueTitle")} (${late.length})`));
  if (!late.length) {
    card.append(h("p", { class: "muted" }, t("camp.noOverdue")));
    return card;
  }
  card.append(h("ul", { class: "overdue", "data-testid": "overdue" }, late.slice(0, 100).map((k) => {
    const item = h("li", {}, h("a", { href: `/city/${k.city.id}`, "data-link": true }, cityName(k.city)),
      h("span", { class: "muted" }, `, ${k.city.country} · ${t("camp.wave")} ${k.wave} · ${k.reply_due}`));
    if (mayRemind) item.append(" ", remindButton(code, k.city.id, item));
    return item;
  })));
  return card;
}

/**
 * "Remind": first a preview of the merged reminder and its addressee, then
 * a confirmation naming the number the register will give it; only that
 * registers the letter.
 */
function remindButton(code: string, city: number, item: HTMLElement): HTMLElement {
  const button = h("button", { type: "button", class: "small" }, t("camp.remind"));
  const body = { as_of: today(), cities: [city] };
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const [r] = await post<Reminder[]>(`/api/campaigns/${code}/remind`, { ...body, dry_run: true });
      const p = r?.preview;
      if (!p) throw new Error("—");
      const to = p.letter.addressees.map((a) => [a.title, a.name, a.address].filter(Boolean).join(", ")).join("; ");
      const confirm = h("button", { type: "button", class: "primary" }, `${t("camp.confirmRemind")} ${p.next_number}`);
      const cancel = h("button", { type: "button" }, t("camp.cancel"));
      const box = h("div", { class: "remind-preview card", "data-testid": "remind-preview" },
        h("p", {}, h("strong", {}, `${t("camp.previewTo")}: `), to),
        h("p", {}, h("strong", {}, `${t("camp.previewFrom")}: `), `${p.office.name} (${p.office.code})`),
        h("p", {}, h("strong", {}, p.letter.subject)),
        h("div", { class: "letter-text" }, [p.letter.salutation, p.letter.body, p.letter.closing].filter(Boolean).join("\n\n")),
        h("p", { class: "muted" }, t("camp.confirmNote")),
        h("div", { class: "actions" }, confirm, " ", cancel));
      cancel.addEventListener("click", () => {
        box.remove();
        button.disabled = false;
      });
      confirm.addEventListener("click", async () => {
        confirm.disabled = true;
        try {
          const [done] = await post<Reminder[]>(`/api/campaigns/${code}/remind`, body);
          box.replaceWith(h("span", { class: "ok", role: "status" }, `${t("camp.reminded")}: № ${done?.number ?? ""}`));
          button.remove();
        } catch (e) {
          box.replaceWith(errorBox(e));
        }
      });
      item.append(box);
    } catch (e) {
      button.replaceWith(errorBox(e));
    }
  });
  return button;
}

/** The message that echoes what was saved, shown again after the page is redrawn. */
let ministryEcho: string | null = null;

const stateText = (state: string) => t(`camp.state.${state}`);

function letterLabel(l: LetterRow): string {
  return `№ ${l.number} · ${l.date ?? ""} · ${l.sender_city || l.subject}`;
}

function evidenceSelect(letters: LetterRow[]): HTMLSelectElement {
  return h("select", { name: "evidence", required: true },
    letters.map((l) => h("option", { value: String(l.id) }, letterLabel(l)))) as HTMLSelectElement;
}

/**
 * The foreign ministries: record an answer (the country chosen by name in
 * the interface language from the countries the server says the caller may
 * record, the evidence from the incoming letters it may read) and, for
 * whom the server allows, correct a recorded one.
 */
function ministryCard(code: string, stances: Stance[], can: Can): HTMLElement {
  const card = h("section", { class: "card", "data-testid": "ministry-card" }, h("h2", {}, t("camp.endorse")));
  if (ministryEcho) card.append(h("p", { class: "ok", role: "status", "data-testid": "ministry-echo" }, ministryEcho));
  ministryEcho = null;
  Promise.all([
    get<CountryChoice[]>(`/api/campaigns/${code}/ministry-countries?lang=${lang()}`),
    get<{ items: LetterRow[] }>("/api/letters?direction=incoming&limit=500"),
  ]).then(([countries, letters]) => {
    const names = new Map(countries.map((c) => [c.iso2, c.name]));
    const label = (iso: string) => `${names.get(iso) ?? iso} (${iso})`;
    const numbers = new Map(letters.items.map((l) => [l.id, l.number]));
    const echo = (s: Stance) => `${label(s.country)}: ${stateText(s.state)}` +
      (s.evidence_letter_id ? `, ${t("camp.evidenceNo")} ${numbers.get(s.evidence_letter_id) ?? s.evidence_letter_id}` : "");
    card.append(endorseForm(code, countries, letters.items, echo));
    const recorded = stances.filter((s) => s.state !== "unknown");
    if (can.correct_ministry_answer && recorded.length) {
      card.append(h("h3", {}, t("camp.answers")), h("ul", { class: "ministry-answers", "data-testid": "ministry-answers" },
        recorded.map((s) => correctionItem(code, s, label(s.country), echo(s), letters.items, echo))));
    }
  }).catch((e) => card.append(errorBox(e)));
  return card;
}

function endorseForm(code: string, countries: CountryChoice[], letters: LetterRow[], echo: (s: Stance) => string): HTMLElement {
  const list = h("datalist", { id: "ministry-countries" },
    countries.map((c) => h("option", { value: c.name, label: c.iso2 })));
  const country = h("input", { name: "country", list: "ministry-countries", required: true, autocomplete: "off" });
  const declined = h("input", { type: "checkbox", name: "declined" });
  const result = h("div", {});
  if (!letters.length) return h("p", { class: "muted" }, t("camp.noEvidence"));
  const evidence = evidenceSelect(letters);
  const form = h("form", { class: "form", "data-testid": "endorse-form" },
    field(t("camp.country"), country), list,
    field(t("camp.evidence"), evidence),
    h("label", { class: "check" }, declined, " ", t("camp.declined")),
    result,
    h("button", { type: "submit", class: "primary" }, t("camp.save")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    result.replaceChildren();
    try {
      // The server resolves the name (English, Russian or the interface
      // language, or a code) and refuses one that is unknown or ambiguous.
      const saved = await post<Stance>(`/api/campaigns/${code}/endorse`, {
        country: country.value, evidence: Number(evidence.value), declined: declined.checked, lang: lang(),
      });
      ministryEcho = echo(saved);
      refresh();
    } catch (err) {
      // An unknown or ambiguous country: the refusal quotes the name typed.
      result.replaceChildren(errorBox(err, { country: country.value }));
    }
  });
  return form;
}

function correctionItem(code: string, s: Stance, name: string, current: string, letters: LetterRow[],
  echo: (s: Stance) => string): HTMLElement {
  const button = h("button", { type: "button", class: "small" }, t("camp.correct"));
  const item = h("li", {}, h("span", {}, current), " ", button);
  button.addEventListener("click", () => {
    button.disabled = true;
    const state = h("select", { name: "state" }, ["unknown", "asked", "endorsed", "declined"]
      .map((v) => h("option", { value: v }, stateText(v)))) as HTMLSelectElement;
    const evidence = evidenceSelect(letters);
    const evidenceField = field(t("camp.evidence"), evidence);
    const reason = h("input", { name: "reason", required: true });
    const result = h("div", {});
    const sync = () => { evidenceField.hidden = state.value !== "endorsed" && state.value !== "declined"; };
    state.addEventListener("change", sync);
    sync();
    const form = h("form", { class: "form", "data-testid": "correction-form" },
      h("h4", {}, `${t("camp.correctTitle")}: ${name}`),
      field(t("camp.newState"), state), evidenceField, field(t("camp.reason"), reason), result,
      h("button", { type: "submit", class: "primary" }, t("camp.correct")));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      result.replaceChildren();
      try {
        const decided = state.value === "endorsed" || state.value === "declined";
        const r = await post<{ before: Stance; after: Stance }>(`/api/campaigns/${code}/ministry-correction`, {
          country: s.country, state: state.value, reason: reason.value,
          evidence: decided ? Number(evidence.value) : null,
        });
        ministryEcho = `${echo(r.after)} (${t("camp.corrected")})`;
        refresh();
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    });
    item.append(form);
  });
  return item;
}
