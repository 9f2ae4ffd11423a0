// The correspondence register: the list with its filters, one letter with
// its references and its PDF, and composing a letter from a template for one
// or many addressees.

import { api, ApiError, get, itemsOf, post } from "../api";
import { append, h } from "../dom";
import { addStrings, t } from "../i18n";
import { navigate, refresh } from "../router";
import { canCoordinate, currentUser } from "../session";
import { searchBox, type CityHit } from "../search";
import { errorBox, field, today } from "../format";
import type { Page, Schemas } from "../schemas";

addStrings({
  en: {
    "letters.title": "Correspondence register",
    "letters.compose": "Compose a letter",
    "letters.direction": "Direction",
    "letters.any": "Any",
    "letters.outgoing": "Outgoing",
    "letters.incoming": "Incoming",
    "letters.city": "City",
    "letters.campaign": "Campaign",
    "letters.overdue": "Overdue only",
    "letters.number": "No",
    "letters.date": "Date",
    "letters.from": "From",
    "letters.to": "To",
    "letters.subject": "Subject",
    "letters.status": "Status",
    "letters.deadline": "Reply due",
    "letters.none": "No letters match.",
    "letters.references": "References",
    "letters.referredBy": "Referred to by",
    "letters.attachments": "Attachments",
    "letters.pdf": "PDF",
    "letters.office": "Office",
    "letters.template": "Template",
    "letters.language": "Language",
    "letters.auto": "Addressee's language",
    "letters.addressees": "Addressees",
    "letters.addCity": "Add a city",
    "letters.body": "Text (paragraphs separated by blank lines)",
    "letters.registerNow": "Register now (assign the number)",
    "letters.submit": "Create letter",
    "letters.register": "Register",
    "letters.draft": "Draft",
    "letters.total": "letters",
    "letters.clear": "Clear",
    "letters.signIn": "Sign in to see the register.",
    "letters.forbidden": "The register is kept for coordinators and the cities' correspondents.",
    "letters.notFound": "There is no such letter in the register you may read.",
    "letters.openPdf": "Open the PDF",
    "dir.outgoing": "outgoing",
    "dir.incoming": "incoming",
    "lkind.letter": "letter",
    "lkind.reply": "reply",
    "lkind.forward": "forwarded copy",
    "lkind.reminder": "reminder",
    "lkind.correction": "correction",
    "lstatus.draft": "draft",
    "lstatus.registered": "registered",
    "lstatus.sent": "sent",
    "lstatus.received": "received",
    "lstatus.answered": "answered",
    "link.reply_to": "In reply to",
    "link.forward_of": "Copy of",
    "link.reminder_of": "Reminder of",
    "link.correction_of": "Correction of",
    "letters.of": "of",
    "reply.title": "Record the reply of a city",
    "reply.campaign": "Campaign",
    "reply.city": "Replying city",
    "reply.date": "Registered on",
    "reply.theirNumber": "Their number",
    "reply.theirDate": "Their date",
    "reply.stance": "Their answer",
    "reply.supports": "supports the initiative",
    "reply.declines": "declines",
    "reply.undecided": "undecided",
    "reply.askedMinistry": "They asked their foreign ministry",
    "reply.subject": "Subject",
    "reply.body": "Text of the reply",
    "reply.submit": "Record the reply",
    "reply.state": "State in the campaign",
    "letters.andMore": "and {n} more",
    "letters.overdueOf": "{n} of {total} overdue",
    "letters.answeredOf": "{n} of {total} answered",
    "letters.answers": "Addressees and their answers",
    "letters.senderNumber": "Sender's number",
    "letters.senderDate": "Sender's date",
    "letters.notGiven": "not given",
    "letters.receivedOn": "Received and registered",
    "answer.answered": "answered",
    "answer.not_asked": "no answer asked",
    "answer.awaiting": "awaiting an answer",
    "answer.overdue": "overdue",
    "answer.by": "by",
  },
  ru: {
    "letters.title": "Журнал регистрации писем",
    "letters.compose": "Составить письмо",
    "letters.direction": "Направление",
    "letters.any": "Все",
    "letters.outgoing": "Исходящие",
    "letters.incoming": "Входящие",
    "letters.city": "Город",
    "letters.campaign": "Кампания",
    "letters.overdue": "Только просроченные",
    "letters.number": "№",
    "letters.date": "Дата",
    "letters.from": "От",
    "letters.to": "Кому",
    "letters.subject": "Тема",
    "letters.status": "Статус",
    "letters.deadline": "Срок ответа",
    "letters.none": "Писем не найдено.",
    "letters.references": "Ссылки",
    "letters.referredBy": "На это письмо ссылаются",
    "letters.attachments": "Вложения",
    "letters.pdf": "PDF",
    "letters.office": "Канцелярия",
    "letters.template": "Шаблон",
    "letters.language": "Язык",
    "letters.auto": "Язык адресата",
    "letters.addressees": "Адресаты",
    "letters.addCity": "Добавить город",
    "letters.body": "Текст (абзацы разделяются пустой строкой)",
    "letters.registerNow": "Зарегистрировать сразу (присвоить номер)",
    "letters.submit": "Создать письмо",
    "letters.register": "Зарегистрировать",
    "letters.draft": "Черновик",
    "letters.total": "писем",
    "letters.clear": "Сбросить",
    "letters.signIn": "Войдите, чтобы увидеть журнал.",
    "letters.forbidden": "Журнал ведут координаторы и корреспонденты городов.",
    "letters.notFound": "В доступном вам журнале такого письма нет.",
    "letters.openPdf": "Открыть PDF",
    "dir.outgoing": "исходящее",
    "dir.incoming": "входящее",
    "lkind.letter": "письмо",
    "lkind.reply": "ответ",
    "lkind.forward": "пересылка",
    "lkind.reminder": "напоминание",
    "lkind.correction": "исправление",
    "lstatus.draft": "черновик",
    "lstatus.registered": "зарегистрировано",
    "lstatus.sent": "отправлено",
    "lstatus.received": "получено",
    "lstatus.answered": "дан ответ",
    "link.reply_to": "В ответ на",
    "link.forward_of": "Копия письма",
    "link.reminder_of": "Напоминание о",
    "link.correction_of": "Исправление письма",
    "letters.of": "от",
    "reply.title": "Записать ответ города",
    "reply.campaign": "Кампания",
    "reply.city": "Отвечающий город",
    "reply.date": "Дата регистрации",
    "reply.theirNumber": "Их номер",
    "reply.theirDate": "Их дата",
    "reply.stance": "Ответ",
    "reply.supports": "поддерживает инициативу",
    "reply.declines": "отказывается",
    "reply.undecided": "не решил",
    "reply.askedMinistry": "Город обратился в свой МИД",
    "reply.subject": "Тема",
    "reply.body": "Текст ответа",
    "reply.submit": "Записать ответ",
    "reply.state": "Состояние в кампании",
    "letters.andMore": "и ещё {n}",
    "letters.overdueOf": "просрочено: {n} из {total}",
    "letters.answeredOf": "ответили: {n} из {total}",
    "letters.answers": "Адресаты и их ответы",
    "letters.senderNumber": "Номер отправителя",
    "letters.senderDate": "Дата отправителя",
    "letters.notGiven": "не указан",
    "letters.receivedOn": "Получено и зарегистрировано",
    "answer.answered": "ответил",
    "answer.not_asked": "ответ не запрошен",
    "answer.awaiting": "ожидается ответ",
    "answer.overdue": "просрочено",
    "answer.by": "письмом",
  },
});

/** A row of GET /api/letters (letters/letter_json.h). */
type LetterSummary = Schemas["LetterSummary"];
type ListResult<T> = Page<T>;
/** GET /api/letters/{id}: a letter with its office, what refers to it and its addressees' answers. */
type LetterView = Schemas["LetterView"];

const items = itemsOf;

export async function renderLetters(main: HTMLElement): Promise<void> {
  main.className = "page";
  if (!currentUser()) {
    navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    return;
  }
  if (currentUser()?.role === "viewer") {
    main.append(h("h1", {}, t("letters.title")), h("p", { class: "muted" }, t("letters.forbidden")));
    return;
  }
  const params = new URLSearchParams(location.search);
  const direction = h("select", { id: "f-direction" },
    h("option", { value: "" }, t("letters.any")),
    h("option", { value: "outgoing" }, t("letters.outgoing")),
    h("option", { value: "incoming" }, t("letters.incoming")));
  direction.value = params.get("direction") ?? "";
  const campaign = h("select", { id: "f-campaign" }, h("option", { value: "" }, t("letters.any")));
  const overdue = h("input", { id: "f-overdue", type: "checkbox" });
  overdue.checked = params.get("overdue") === "true";
  let cityFilter = params.get("city") ?? "";
  const cityLabel = h("span", { class: "chip", hidden: !cityFilter }, cityFilter ? `#${cityFilter}` : "");
  const city = searchBox((c) => {
    cityFilter = String(c.id);
    cityLabel.textContent = `${c.name}, ${c.country}`;
    cityLabel.hidden = false;
    void reload();
  });
  const clearButton = h("button", { type: "button", onclick: () => {
    cityFilter = "";
    cityLabel.hidden = true;
    direction.value = "";
    campaign.value = "";
    overdue.checked = false;
    void reload();
  } }, t("letters.clear"));
  const table = h("div", { class: "table-wrap" });
  main.append(
    h("header", { class: "page-head" },
      h("h1", {}, t("letters.title")),
      canCoordinate() || currentUser()?.role === "correspondent"
        ? h("a", { href: "/letters/new", "data-link": true, class: "button primary" }, t("letters.compose"))
        : null),
    h("section", { class: "card filters" },
      field(t("letters.direction"), direction),
      h("div", { class: "field" }, h("span", { class: "label" }, t("letters.city")), city, cityLabel),
      field(t("letters.campaign"), campaign),
      h("label", { class: "check" }, overdue, " ", t("letters.overdue")),
      clearButton),
    table,
  );
  get<{ code: string; title: string }[] | ListResult<{ code: string; title: string }>>("/api/campaigns")
    .then((r) => {
      for (const c of items(r)) campaign.append(h("option", { value: c.code }, c.title));
      campaign.value = params.get("campaign") ?? "";
    })
    .catch(() => undefined);

  async function reload(): Promise<void> {
    const q = new URLSearchParams();
    if (direction.value) q.set("direction", direction.value);
    if (cityFilter) q.set("city", cityFilter);
    if (campaign.value) q.set("campaign", campaign.value);
    if (overdue.checked) q.set("overdue", "true");
    q.set("limit", "200");
    history.replaceState(null, "", `/letters?${q}`);
    try {
      const r = await get<ListResult<LetterSummary>>(`/api/letters?${q}`);
      table.replaceChildren(letterTable(items(r)), h("p", { class: "muted" }, `${r.total ?? items(r).length} ${t("letters.total")}`));
    } catch (e) {
      table.replaceChildren(errorBox(e));
    }
  }
  for (const c of [direction, campaign, overdue]) c.addEventListener("change", () => void reload());
  await reload();
}

function letterTable(rows: LetterSummary[]): HTMLElement {
  if (!rows.length) return h("p", { class: "muted" }, t("letters.none"));
  const late = (l: LetterSummary) => (l.overdue_count ?? 0) > 0;
  const to = (l: LetterSummary) => l.addressee_count > 1
    ? [l.addressee, " ", h("span", { class: "muted" }, t("letters.andMore").replace("{n}", String(l.addressee_count - 1)))]
    : l.addressee;
  const due = (l: LetterSummary) => [l.response_deadline ?? "",
    late(l) && l.addressee_count > 1
      ? h("div", { class: "late-count", "data-testid": "overdue-count" },
          t("letters.overdueOf").replace("{n}", String(l.overdue_count)).replace("{total}", String(l.addressee_count)))
      : null];
  return h("table", { class: "register", "data-testid": "letters-table" },
    h("thead", {}, h("tr", {},
      h("th", {}, t("letters.number")), h("th", {}, t("letters.date")), h("th", {}, t("letters.direction")),
      h("th", {}, t("letters.from")), h("th", {}, t("letters.to")), h("th", {}, t("letters.subject")),
      h("th", {}, t("letters.status")), h("th", {}, t("letters.deadline")))),
    h("tbody", {}, rows.map((l) =>
      h("tr", { class: late(l) ? "late" : "" },
        h("td", {}, h("a", { href: `/letters/${l.id}`, "data-link": true }, l.number || t("letters.draft"))),
        h("td", {}, l.date ?? ""),
        h("td", {}, h("span", { "aria-hidden": "true" }, l.direction === "incoming" ? "⇦ " : "⇨ "), t(`dir.${l.direction}`), " · ", t(`lkind.${l.kind}`)),
        h("td", {}, l.sender_city || l.office),
        h("td", { "data-testid": "letter-to" }, to(l)),
        h("td", {}, l.subject),
        h("td", {}, t(`lstatus.${l.status}`)),
        h("td", {}, due(l))))));
}

export async function renderLetter(main: HTMLElement, params: Record<string, string>): Promise<void> {
  main.className = "page";
  if (!currentUser()) {
    navigate(`/login?next=${encodeURIComponent(location.pathname)}`);
    return;
  }
  let view: LetterView;
  try {
    view = await get<LetterView>(`/api/letters/${encodeURIComponent(params.id)}`);
  } catch (e) {
    // Another city's letter answers 403; one that does not exist 404.
    main.append(e instanceof ApiError && (e.status === 403 || e.status === 404)
      ? h("p", { class: "error", role: "alert" }, t("letters.notFound"))
      : errorBox(e));
    return;
  }
  const l = view.letter;
  const pdf = `/api/letters/${l.id}/pdf`;
  const actions = h("div", { class: "actions" });
  if (mayWriteFor(view.office.city_id) && l.status === "draft") {
    actions.append(h("button", { type: "button", class: "primary", onclick: async () => {
      try {
        await post(`/api/letters/${l.id}/register`, { date: today() });
        refresh();
      } catch (e) {
        actions.append(errorBox(e));
      }
    } }, t("letters.register")));
  }
  const number = (n: string, date: string | null) =>
    `${t("letters.number")} ${n || t("letters.draft")}${date ? ` ${t("letters.of")} ${date}` : ""}`;
  append(main, [
    h("header", { class: "page-head" },
      h("h1", {}, number(l.number, l.date)),
      h("a", { href: pdf, class: "button", target: "_blank", rel: "noopener" }, t("letters.openPdf"))),
    h("section", { class: "card" },
      h("dl", { class: "facts" },
        h("dt", {}, t("letters.office")), h("dd", {}, `${view.office.name} (${view.office.code})`),
        h("dt", {}, t("letters.direction")),
        h("dd", { "data-testid": "letter-kind" }, `${t(`dir.${l.direction}`)} · ${t(`lkind.${l.kind}`)} · ${t(`lstatus.${l.status}`)}`),
        h("dt", {}, t("letters.from")), h("dd", {}, [l.sender.letterhead, l.sender.signatory_title, l.sender.signatory_name].filter(Boolean).join(" · ")),
        l.direction === "incoming"
          ? [h("dt", {}, t("letters.senderNumber")), h("dd", { "data-testid": "sender-number" }, l.sender_number || t("letters.notGiven")),
             h("dt", {}, t("letters.senderDate")), h("dd", { "data-testid": "sender-date" }, l.sender_date ?? t("letters.notGiven")),
             h("dt", {}, t("letters.receivedOn")), h("dd", {}, l.date ?? "")]
          : null,
        h("dt", {}, t("letters.to")), h("dd", {}, addresseeAnswers(view, number)),
        h("dt", {}, t("letters.subject")), h("dd", {}, l.subject),
        h("dt", {}, t("letters.language")), h("dd", {}, l.lang),
        l.response_deadline ? [h("dt", {}, t("letters.deadline")), h("dd", {}, l.response_deadline)] : null,
      ),
      actions),
    l.links.length
      ? h("section", { class: "card" }, h("h2", {}, t("letters.references")),
          h("ul", { "data-testid": "references" }, l.links.map((ln) =>
            h("li", {}, `${t(`link.${ln.kind}`)} `, h("a", { href: `/letters/${ln.target}`, "data-link": true },
              number(ln.target_number, ln.target_date))))))
      : null,
    view.referred_by.length
      ? h("section", { class: "card" }, h("h2", {}, t("letters.referredBy")),
          h("ul", { "data-testid": "referred-by" }, view.referred_by.map((r) =>
            h("li", {}, `${t(`lkind.${r.letter.kind}`)}: `, h("a", { href: `/letters/${r.letter.id}`, "data-link": true },
              number(r.letter.number, r.letter.date)), ` · ${r.letter.sender_city} · ${r.letter.subject}`))))
      : null,
    l.attachments.length
      ? h("section", { class: "card" }, h("h2", {}, t("letters.attachments")),
          h("ul", {}, l.attachments.map((a) => h("li", {},
            h("a", { href: `/api/letters/${l.id}/attachments/${a.id}`, download: a.name }, a.name),
            h("span", { class: "muted" }, ` · ${a.size.toLocaleString()} B · SHA-256 ${a.sha256.slice(0, 12)}…`)))))
      : null,
  ]);
  // A campaign letter still waiting for a city's reply: record it here.
  if (l.direction === "outgoing" && l.status !== "draft") {
    const card = await replyCard(l.id).catch(() => null);
    if (card) main.append(card);
  }
  main.append(h("section", { class: "card pdf" },
    h("iframe", { src: pdf, title: `${t("letters.pdf")}: ${number(l.number, l.date)}`, class: "pdf-frame", "data-testid": "pdf-frame" })));
}

/**
 * The addressees of a letter, each with where its answer stands as the
 * server's rule says (letters/answers.h): answered by which reply, awaiting,
 * or overdue. A tally heads the list of a circular.
 */
function addresseeAnswers(view: LetterView, number: (n: string, date: string | null) => string): HTMLElement {
  const list = h("ul", { class: "answers", "data-testid": "answers" }, view.answers.map((a) => {
    const city = view.letter.addressees[a.position].city_id;
    return h("li", { class: `answer-${a.state}`, "data-state": a.state },
      city ? h("a", { href: `/city/${city}`, "data-link": true }, a.label) : a.label,
      " — ", h("span", { class: "answer-state" }, t(`answer.${a.state}`)),
      a.reply ? [" ", t("answer.by"), " ", h("a", { href: `/letters/${a.reply.id}`, "data-link": true }, number(a.reply.number, a.reply.date))] : null);
  }));
  if (view.answers.length < 2) return list;
  const n = (state: string) => view.answers.filter((a) => a.state === state).length;
  const head = h("p", { "data-testid": "answers-tally" },
    t("letters.answeredOf").replace("{n}", String(n("answered"))).replace("{total}", String(view.answers.length)),
    n("overdue") ? [" · ", h("strong", { class: "late-count" },
      t("letters.overdueOf").replace("{n}", String(n("overdue"))).replace("{total}", String(view.answers.length)))] : null);
  return h("div", {}, head, list);
}

/** True if the signed-in user may write for an office of `city` (letters/letter_access.h). */
function mayWriteFor(city: number): boolean {
  const u = currentUser();
  return canCoordinate() || (u?.role === "correspondent" && u.city_id === city);
}

interface CampaignContact {
  city_id: number;
  city: { id: number; name: string; country: string };
  state: string;
  letter_id: number;
  reply_letter_id: number | null;
}

/**
 * The form recording a city's reply to campaign letter `letterId`
 * (POST /api/campaigns/{code}/reply): for coordinators every city still
 * waiting, for a correspondent its own city only; null when nobody the
 * user may answer for is waiting.
 */
async function replyCard(letterId: number): Promise<HTMLElement | null> {
  const u = currentUser();
  if (!u || u.role === "viewer") return null;
  const campaigns = itemsOf(await get<{ items: { code: string; title: string }[] }>("/api/campaigns?limit=500"));
  const waiting: { code: string; title: string; contact: CampaignContact }[] = [];
  for (const c of campaigns) {
    const detail = await get<{ contacts: CampaignContact[] }>(`/api/campaigns/${encodeURIComponent(c.code)}`);
    for (const k of detail.contacts) {
      if (k.letter_id !== letterId || (k.state !== "letter_sent" && k.state !== "received")) continue;
      if (u.role === "correspondent" && k.city_id !== u.city_id) continue;
      waiting.push({ code: c.code, title: c.title, contact: k });
    }
  }
  if (!waiting.length) return null;
  const who = h("select", { name: "city" }, waiting.map((w, i) =>
    h("option", { value: String(i) }, `${w.contact.city.name}, ${w.contact.city.country} — ${w.title}`)));
  const date = h("input", { name: "date", type: "date", value: today(), required: true });
  const theirNumber = h("input", { name: "their_number" });
  const theirDate = h("input", { name: "their_date", type: "date" });
  const stance = h("select", { name: "stance" },
    ["supports", "declines", "undecided"].map((s) => h("option", { value: s }, t(`reply.${s}`))));
  const asked = h("input", { type: "checkbox", name: "asked_ministry" });
  const subject = h("input", { name: "subject" });
  const body = h("textarea", { name: "body", rows: 5 });
  const result = h("div", {});
  const form = h("form", { class: "form-grid", "data-testid": "reply-form" },
    field(t("reply.city"), who),
    field(t("reply.date"), date),
    field(t("reply.theirNumber"), theirNumber),
    field(t("reply.theirDate"), theirDate),
    field(t("reply.stance"), stance),
    h("label", { class: "check" }, asked, " ", t("reply.askedMinistry")),
    field(t("reply.subject"), subject),
    field(t("reply.body"), body),
    result,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("reply.submit"))));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    result.replaceChildren();
    const w = waiting[Number(who.value)];
    try {
      const r = await post<{ reply_letter_id: number }>(`/api/campaigns/${encodeURIComponent(w.code)}/reply`, {
        city: w.contact.city_id,
        date: date.value,
        their_number: theirNumber.value,
        their_date: theirDate.value || null,
        stance: stance.value,
        asked_ministry: asked.checked,
        subject: subject.value,
        body: body.value,
      });
      navigate(`/letters/${r.reply_letter_id}`);
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  });
  return h("section", { class: "card" }, h("h2", {}, t("reply.title")), form);
}

interface Office {
  id: number;
  code: string;
  name: string;
}

export async function renderCompose(main: HTMLElement): Promise<void> {
  main.className = "page";
  if (!canCoordinate() && currentUser()?.role !== "correspondent") {
    navigate(`/login?next=/letters/new`);
    return;
  }
  const [offices, templates] = await Promise.all([
    get<Office[] | ListResult<Office>>("/api/offices").then(items),
    get<{ name: string; languages: string[] }[]>("/api/templates"),
  ]);
  const office = h("select", { name: "office" }, offices.map((o) => h("option", { value: o.code }, `${o.name} (${o.code})`)));
  const template = h("select", { name: "template" }, templates.map((tp) => h("option", { value: tp.name }, tp.name)));
  const lang = h("select", { name: "lang" }, h("option", { value: "" }, t("letters.auto")));
  for (const code of [...new Set(templates.flatMap((tp) => tp.languages))].sort()) lang.append(h("option", { value: code }, code));
  const subject = h("input", { name: "subject" });
  const body = h("textarea", { name: "body", rows: 10 });
  const deadline = h("input", { name: "deadline", type: "date" });
  const registerNow = h("input", { type: "checkbox", name: "register" });
  registerNow.checked = true;
  const chosen: CityHit[] = [];
  const chips = h("div", { class: "chips", "data-testid": "addressees" });
  const renderChips = () =>
    chips.replaceChildren(...chosen.map((c, i) =>
      h("span", { class: "chip" }, `${c.name}, ${c.country} `,
        h("button", { type: "button", class: "chip-x", "aria-label": `${t("common.remove")}: ${c.name}`, onclick: () => {
          chosen.splice(i, 1);
          renderChips();
        } }, "×"))));
  const picker = searchBox((c) => {
    if (!chosen.some((x) => x.id === c.id)) chosen.push(c);
    renderChips();
  });
  const error = h("div", {});
  const form = h("form", { class: "card form compose" },
    field(t("letters.office"), office),
    field(t("letters.template"), template),
    field(t("letters.language"), lang),
    h("div", { class: "field" }, h("span", { class: "label" }, t("letters.addressees")), picker, chips),
    field(t("letters.subject"), subject),
    field(t("letters.body"), body),
    field(t("letters.deadline"), deadline),
    h("label", { class: "check" }, registerNow, " ", t("letters.registerNow")),
    error,
    h("button", { type: "submit", class: "primary" }, t("letters.submit")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.replaceChildren();
    try {
      const payload: Record<string, unknown> = {
        office: office.value,
        template: template.value,
        addressees: chosen.map((c) => ({ city_id: c.id })),
        subject: subject.value,
        body: body.value,
        register: registerNow.checked,
      };
      if (lang.value) payload.lang = lang.value;
      if (deadline.value) payload.response_deadline = deadline.value;
      const created = await api<{ letter: { id: number } }>("POST", "/api/letters", payload);
      navigate(`/letters/${created.letter.id}`);
    } catch (err) {
      error.replaceChildren(errorBox(err));
    }
  });
  main.append(h("h1", {}, t("letters.compose")), form);
}

