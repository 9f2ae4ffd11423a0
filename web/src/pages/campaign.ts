// Campaigns: the list, and the dashboard of one campaign — the tally of
// endorsing UN member states against the majority, the world coloured by each
// country's state, the referral tree of the cascade, the waves over time,
// overdue replies with a one-click reminder, and the forecast beside the
// actual tally.

import { ApiError, get, post } from "../api";
import { h } from "../dom";
import { addStrings, lang, t } from "../i18n";
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
  /** Owes its reply past the due date (campaign/campaign_status.h overdue_cities). */
  overdue: boolean;
}

/** What the caller may do, as the server decides it (GET /api/campaigns/{code} "can"). */
interface Can {
  remind: boolean;
  record_ministry_answer: boolean;
  correct_ministry_answer: boolean;
}

interface Stance {
  country: string;
  state: string;
  evidence_letter_id: number | null;
}

/** GET /api/campaigns/{code}/ministry-countries. */
interface CountryChoice {
  iso2: string;
  name: string;
  reached: boolean;
}

/** A row of GET /api/letters. */
interface LetterRow {
  id: number;
  number: string;
  date: string | null;
  sender_city: string;
  subject: string;
}

interface Reminder {
  number: string;
  preview?: {
    letter: { addressees: { title: string; name: string; address: string }[]; subject: string; salutation: string; body: string; closing: string };
    office: { code: string; name: string };
    next_number: string;
  };
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
  let detail: { campaign: Campaign; contacts: Contact[]; countries: Stance[]; can: Can };
  let status: Status;
  try {
    [detail, status] = await Promise.all([
      get<{ campaign: Campaign; contacts: Contact[]; countries: Stance[]; can: Can }>(`/api/campaigns/${code}`),
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

function overdueCard(code: string, contacts: Contact[], mayRemind: boolean): HTMLElement {
  const late = contacts
    .filter((k) => k.overdue)
    .sort((a, b) => a.city.name.localeCompare(b.city.name));
  const card = h("section", { class: "card" }, h("h2", {}, `${t("camp.overdueTitle")} (${late.length})`));
  if (!late.length) {
    card.append(h("p", { class: "muted" }, t("camp.noOverdue")));
    return card;
  }
  card.append(h("ul", { class: "overdue", "data-testid": "overdue" }, late.slice(0, 100).map((k) => {
    const item = h("li", {}, h("a", { href: `/city/${k.city.id}`, "data-link": true }, k.city.name),
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
      // An unknown or ambiguous country: the server's message names it.
      result.replaceChildren(err instanceof ApiError && err.field === "country"
        ? h("p", { class: "error", role: "alert" }, err.message) : errorBox(err));
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
