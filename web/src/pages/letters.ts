// The correspondence register: the list with its filters, one letter with
// its references and its PDF, and composing a letter from a template for one
// or many addressees.

import { api, ApiError, get, itemsOf, post, postBlob } from "../api";
import { append, h } from "../dom";
import { addStrings, t, tf, tOr } from "../i18n";
import { navigate, refresh } from "../router";
import { currentUser } from "../session";
import { searchBox, type CityHit } from "../search";
import { errorBox, field, today } from "../format";
import { reasonText } from "../errors";
import { cityName } from "../citynames";
import { languageName, regionName } from "../languages";
import type { JsonOf, operations, Page, Schemas } from "../schemas";

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
    "tpl.letter": "General letter",
    "tpl.appeal-2013": "Appeal of 6 September 2013",
    "tpl.reminder": "Reminder",
    "tpl.forward": "Forwarded copy",
    "tpl.correction": "Correction",
    "letters.language": "Language",
    "letters.auto": "Addressee's language",
    "letters.langsOfAddressee": "Languages of {city}",
    "letters.otherLangs": "Other languages",
    "letters.noTemplateIn": "no template in this language",
    "letters.langDefault": "Without a choice the letter is in {lang}: {reason}.",
    "letters.previewLang": "Language of the letter: {lang}",
    "langReason.city": "the city's correspondence language",
    "langReason.official": "official language of {country}",
    "langReason.country": "a language of {country}",
    "langReason.fallback": "the template exists in none of the addressee's languages",
    "letters.addressees": "Addressees",
    "letters.addCity": "Add a city",
    "letters.body": "Text (paragraphs separated by blank lines)",
    "letters.saveDraft": "Save as draft",
    "letters.registerEllipsis": "Register…",
    "letters.registerConfirm": "Register and number it",
    "letters.confirmTitle": "Confirm registration",
    "letters.confirmRegister": "Register this letter in the register of {office}? It will take No {number} (unless another letter is registered first) and go to {n} addressee(s).",
    "letters.confirmRegisterDraft": "Register this draft in the register of {office}? It takes the office's next number and goes to {n} addressee(s).",
    "letters.confirmNote": "A registered number can never be taken back, and the letter can no longer be edited.",
    "letters.cancel": "Cancel",
    "letters.preview": "Preview",
    "letters.previewPdf": "Preview of the PDF",
    "letters.previewEmpty": "Add an addressee to see the letter as it will be printed.",
    "letters.previewUpdating": "Updating the preview…",
    "letters.previewNumber": "Registered now in {office}, it would take No {number}.",
    "letters.previewFirst": "The letter cannot be previewed yet; fix what the preview says first.",
    "letters.linkCampaign": "Campaign this letter belongs to",
    "letters.noCampaign": "None",
    "letters.mayNotCompose": "Your role may not compose letters: only coordinators and the cities' correspondents write to the register.",
    "letters.noOffice": "There is no registering office you may write for yet. A coordinator sets one up for your city (recording a forward of a campaign letter also creates it).",
    "letters.sentOn": "Sent on",
    "letters.markSent": "Mark as sent",
    "letters.sendEmail": "Send by e-mail",
    "letters.confirmSendTitle": "Confirm sending by e-mail",
    "letters.confirmSendEmail": "Send this letter by e-mail from the mail account of {office} to each of its {n} addressee(s) that has an e-mail?",
    "letters.confirmSendNote": "Each addressee gets the letter's PDF once, with its own reply address; sending again only sends what is still queued.",
    "letters.sendReport": "{sent} sent, {failed} failed, {before} sent before, {doubt} in doubt, {none} without e-mail.",
    "letters.draftReply": "Draft a reply",
    "letters.draftForward": "Forward a copy",
    "letters.draftCorrection": "Draft a correction",
    "letters.replyTitle": "A reply to this letter",
    "letters.forwardTitle": "A forwarded copy of this letter",
    "letters.correctTitle": "A correction replacing this letter",
    "letters.correctHint": "Empty: the original's text.",
    "letters.createDraft": "Create the draft",
    "forward.title": "Record that {city} forwarded this letter",
    "forward.twinsOf": "Twins of {city} it went to",
    "forward.noTwins": "No active twins are recorded.",
    "forward.cannot": "cannot be named",
    "forward.date": "Forwarded on",
    "forward.submit": "Record the forward",
    "forward.pickOne": "Pick at least one twin city.",
    "forward.done": "Recorded: {city} forwarded the letter to {n} twin cities.",
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
    "tpl.letter": "Письмо (общий шаблон)",
    "tpl.appeal-2013": "Обращение от 6 сентября 2013 г.",
    "tpl.reminder": "Напоминание",
    "tpl.forward": "Пересылка копии",
    "tpl.correction": "Исправление",
    "letters.language": "Язык",
    "letters.langsOfAddressee": "Языки адресата ({city})",
    "letters.otherLangs": "Другие языки",
    "letters.noTemplateIn": "шаблона на этом языке нет",
    "letters.langDefault": "Если не выбрать, письмо будет на языке «{lang}»: {reason}.",
    "letters.previewLang": "Язык письма: {lang}",
    "langReason.city": "язык переписки города",
    "langReason.official": "официальный язык страны «{country}»",
    "langReason.country": "язык страны «{country}»",
    "langReason.fallback": "шаблона нет ни на одном из языков адресата",
    "letters.auto": "Язык адресата",
    "letters.addressees": "Адресаты",
    "letters.addCity": "Добавить город",
    "letters.body": "Текст (абзацы разделяются пустой строкой)",
    "letters.saveDraft": "Сохранить черновик",
    "letters.registerEllipsis": "Зарегистрировать…",
    "letters.registerConfirm": "Зарегистрировать и присвоить номер",
    "letters.confirmTitle": "Подтверждение регистрации",
    "letters.confirmRegister": "Зарегистрировать письмо в журнале {office}? Оно получит № {number} (если раньше не зарегистрируют другое) и уйдёт адресатам: {n}.",
    "letters.confirmRegisterDraft": "Зарегистрировать черновик в журнале {office}? Он получит следующий номер канцелярии и уйдёт адресатам: {n}.",
    "letters.confirmNote": "Зарегистрированный номер нельзя отменить, а письмо больше нельзя изменить.",
    "letters.cancel": "Отмена",
    "letters.preview": "Предпросмотр",
    "letters.previewPdf": "Предпросмотр PDF",
    "letters.previewEmpty": "Добавьте адресата, чтобы увидеть письмо в печатном виде.",
    "letters.previewUpdating": "Предпросмотр обновляется…",
    "letters.previewNumber": "При регистрации сейчас в журнале {office} письмо получит № {number}.",
    "letters.previewFirst": "Предпросмотр письма пока невозможен; сначала исправьте то, что он сообщает.",
    "letters.linkCampaign": "Кампания, к которой относится письмо",
    "letters.noCampaign": "Нет",
    "letters.mayNotCompose": "Ваша роль не позволяет составлять письма: в журнал пишут координаторы и корреспонденты городов.",
    "letters.noOffice": "Пока нет канцелярии, от имени которой вы можете писать. Её заводит для вашего города координатор (запись о пересылке письма кампании тоже её создаёт).",
    "letters.sentOn": "Отправлено",
    "letters.markSent": "Отметить отправку",
    "letters.sendEmail": "Отправить по эл. почте",
    "letters.confirmSendTitle": "Подтверждение отправки по эл. почте",
    "letters.confirmSendEmail": "Отправить письмо по электронной почте с почтового ящика {office} каждому адресату с адресом эл. почты (адресатов: {n})?",
    "letters.confirmSendNote": "Каждый адресат получит PDF письма один раз, со своим адресом для ответа; повторная отправка отправит только то, что ещё в очереди.",
    "letters.sendReport": "Отправлено: {sent}, не доставлено: {failed}, отправлено ранее: {before}, под вопросом: {doubt}, без адреса: {none}.",
    "letters.draftReply": "Подготовить ответ",
    "letters.draftForward": "Переслать копию",
    "letters.draftCorrection": "Подготовить исправление",
    "letters.replyTitle": "Ответ на это письмо",
    "letters.forwardTitle": "Пересылка копии письма",
    "letters.correctTitle": "Исправление, заменяющее это письмо",
    "letters.correctHint": "Пусто — текст исходного письма.",
    "letters.createDraft": "Создать черновик",
    "forward.title": "Записать, что {city} переслал это письмо",
    "forward.twinsOf": "Побратимы города {city}, которым оно ушло",
    "forward.noTwins": "Действующих побратимов не записано.",
    "forward.cannot": "нельзя указать",
    "forward.date": "Дата пересылки",
    "forward.submit": "Записать пересылку",
    "forward.pickOne": "Выберите хотя бы один город-побратим.",
    "forward.done": "Записано: {city} переслал письмо городам-побратимам ({n}).",
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
  // The server decides who reads the register (and for which offices one
  // may write): a refusal here is the page's answer.
  let offices: Office[];
  try {
    [offices] = await Promise.all([writableOffices(), get("/api/letters?limit=1")]);
  } catch (e) {
    main.append(h("h1", {}, t("letters.title")), e instanceof ApiError && e.status === 403
      ? h("p", { class: "muted", "data-testid": "register-forbidden" }, t("letters.forbidden"))
      : errorBox(e));
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
      offices.length
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
    main.append(h("h1", {}, t("letters.title")), e instanceof ApiError && (e.status === 403 || e.status === 404)
      ? h("p", { class: "error", role: "alert" }, t("letters.notFound"))
      : errorBox(e));
    return;
  }
  const l = view.letter;
  const pdf = `/api/letters/${l.id}/pdf`;
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
        l.sent_date ? [h("dt", {}, t("letters.sentOn")), h("dd", { "data-testid": "sent-date" }, l.sent_date)] : null,
        h("dt", {}, t("letters.from")), h("dd", {}, [l.sender.letterhead, l.sender.signatory_title, l.sender.signatory_name].filter(Boolean).join(" · ")),
        l.direction === "incoming"
          ? [h("dt", {}, t("letters.senderNumber")), h("dd", { "data-testid": "sender-number" }, l.sender_number || t("letters.notGiven")),
             h("dt", {}, t("letters.senderDate")), h("dd", { "data-testid": "sender-date" }, l.sender_date ?? t("letters.notGiven")),
             h("dt", {}, t("letters.receivedOn")), h("dd", {}, l.date ?? "")]
          : null,
        h("dt", {}, t("letters.to")), h("dd", {}, addresseeAnswers(view, number)),
        h("dt", {}, t("letters.subject")), h("dd", {}, l.subject),
        h("dt", {}, t("letters.language")), h("dd", { "data-testid": "letter-lang" }, langLabel(l.lang)),
        l.response_deadline ? [h("dt", {}, t("letters.deadline")), h("dd", {}, l.response_deadline)] : null,
      ),
      letterActions(view)),
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
    // The campaign steps the server offers this user for the cities this
    // letter reached: record a city's reply, record its forward.
    view.campaign_steps.filter((s) => s.record_reply).length ? replyCard(view.campaign_steps.filter((s) => s.record_reply)) : null,
    view.campaign_steps.filter((s) => s.record_forward).map((s) => forwardCard(s)),
    h("section", { class: "card pdf" },
      h("iframe", { src: pdf, title: `${t("letters.pdf")}: ${number(l.number, l.date)}`, class: "pdf-frame", "data-testid": "pdf-frame" })),
  ]);
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

type CampaignStep = LetterView["campaign_steps"][number];

/**
 * The steps the server says this user may take with the letter (the view's
 * "can", letters/letter_permissions.h): register, mark sent, and draft a
 * reply, forwarded copy or correction. Registering asks first, naming what
 * will be numbered.
 */
function letterActions(view: LetterView): HTMLElement {
  const l = view.letter;
  const can = view.can;
  const box = h("div", { class: "letter-actions", "data-testid": "letter-actions" });
  const buttons = h("div", { class: "actions" });
  const panel = h("div", {});
  const fail = (e: unknown) => panel.replaceChildren(errorBox(e));
  if (can.register) {
    buttons.append(h("button", { type: "button", class: "primary", onclick: () => {
      panel.replaceChildren(confirmPanel(
        tf("letters.confirmRegisterDraft", { office: `${view.office.name} (${view.office.code})`, n: l.addressees.length }),
        t("letters.register"),
        async () => {
          await post(`/api/letters/${l.id}/register`, { date: today() });
          refresh();
        }));
    } }, t("letters.register")));
  }
  if (can.mark_sent) {
    const date = h("input", { type: "date", value: today(), required: true, "aria-label": t("letters.sentOn") });
    buttons.append(date, h("button", { type: "button", class: "primary", onclick: async () => {
      try {
        await post(`/api/letters/${l.id}/sent`, { date: date.value });
        refresh();
      } catch (e) {
        fail(e);
      }
    } }, t("letters.markSent")));
  }
  // Sending by e-mail has the rule of correcting (a writer for the letter's
  // office, a registered outgoing letter: mail/letter_sending.h).
  if (can.correct) {
    buttons.append(h("button", { type: "button", "data-testid": "send-email", onclick: () => {
      panel.replaceChildren(confirmPanel(
        tf("letters.confirmSendEmail", { office: `${view.office.name} (${view.office.code})`, n: l.addressees.length }),
        t("letters.sendEmail"),
        async () => {
          const r = await post<SendReport>(`/api/letters/${l.id}/send`, {});
          // The page is drawn again from the server (the letter's status
          // now says sent), with this report of the deliveries in it.
          sendReports.set(l.id, r);
          refresh();
        },
        { title: t("letters.confirmSendTitle"), note: t("letters.confirmSendNote") }));
    } }, t("letters.sendEmail")));
  }
  const followUp = (kind: "reply" | "forward" | "correct", label: string) =>
    h("button", { type: "button", onclick: () => panel.replaceChildren(followUpForm(l.id, kind)) }, label);
  if (can.reply) buttons.append(followUp("reply", t("letters.draftReply")));
  if (can.forward) buttons.append(followUp("forward", t("letters.draftForward")));
  if (can.correct) buttons.append(followUp("correct", t("letters.draftCorrection")));
  if (!buttons.childElementCount) return box;
  const sent = sendReports.get(l.id);
  if (sent) {
    sendReports.delete(l.id);
    panel.replaceChildren(sendReport(sent));
  }
  box.append(buttons, panel);
  return box;
}

type SendReport = JsonOf<operations["sendLetterByEmail"]["responses"][200]>;

/** A send's report, by letter id, until the letter's page drawn after it shows it. */
const sendReports = new Map<number, SendReport>();

/** What a send by e-mail did, and each addressee's delivery as it now is. */
function sendReport(r: SendReport): HTMLElement {
  return h("div", { class: "card", "data-testid": "send-report" },
    h("p", {}, tf("letters.sendReport", { sent: r.sent, failed: r.failed, before: r.already_accepted, doubt: r.in_doubt, none: r.without_email.length })),
    h("ul", {}, ...r.deliveries.map((d) =>
      h("li", { "data-state": d.state }, `${d.email}: ${d.state}${d.server_reply ? ` (${d.server_reply})` : ""}`))));
}

/**
 * A confirmation before a step that cannot be undone: `question` names what
 * happens; `go` runs on confirmation, errors shown in place.
 */
function confirmPanel(question: string, yes: string, go: () => Promise<void>,
                      words: { title?: string; note?: string } = {}): HTMLElement {
  const result = h("div", {});
  const ok = h("button", { type: "button", class: "primary" }, yes);
  const panel = h("div", { class: "card confirm", role: "dialog", "aria-label": words.title ?? t("letters.confirmTitle"), "data-testid": "confirm" },
    h("p", {}, question),
    h("p", { class: "muted" }, words.note ?? t("letters.confirmNote")),
    result,
    h("div", { class: "actions" }, ok, h("button", { type: "button", onclick: () => panel.remove() }, t("letters.cancel"))));
  ok.addEventListener("click", async () => {
    ok.disabled = true;
    try {
      await go();
    } catch (e) {
      result.replaceChildren(errorBox(e));
      ok.disabled = false;
    }
  });
  queueMicrotask(() => ok.focus());
  return panel;
}

/** A city picker collecting several cities as removable chips. */
function cityPicker(onChange: () => void = () => undefined): { element: HTMLElement; chosen: CityHit[] } {
  const chosen: CityHit[] = [];
  const chips = h("div", { class: "chips", "data-testid": "addressees" });
  const render = () => {
    chips.replaceChildren(...chosen.map((c, i) =>
      h("span", { class: "chip" }, `${c.name}, ${c.country} `,
        h("button", { type: "button", class: "chip-x", "aria-label": `${t("common.remove")}: ${c.name}`, onclick: () => {
          chosen.splice(i, 1);
          render();
          onChange();
        } }, "×"))));
  };
  const picker = searchBox((c) => {
    if (!chosen.some((x) => x.id === c.id)) chosen.push(c);
    render();
    onChange();
  });
  return { element: h("div", { class: "field" }, h("span", { class: "label" }, t("letters.addressees")), picker, chips), chosen };
}

/**
 * Drafting a reply, a forwarded copy or a correction of letter `id` through
 * its use case (POST /api/letters/{id}/reply|forward|correct); the new
 * draft opens.
 */
function followUpForm(id: number, kind: "reply" | "forward" | "correct"): HTMLElement {
  const body = h("textarea", { name: "body", rows: 6 });
  const to = kind === "forward" ? cityPicker() : null;
  const result = h("div", {});
  const form = h("form", { class: "form-grid follow-up", "data-testid": `${kind}-form` },
    h("h3", {}, t(`letters.${kind}Title`)),
    to ? to.element : null,
    field(t("letters.body"), body, kind === "correct" ? t("letters.correctHint") : undefined),
    result,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("letters.createDraft"))));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const payload: Record<string, unknown> = {};
    if (body.value) payload.body = body.value;
    if (to) payload.addressees = to.chosen.map((c) => ({ city_id: c.id }));
    try {
      const created = await post<LetterView>(`/api/letters/${id}/${kind}`, payload);
      navigate(`/letters/${created.letter.id}`);
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  });
  return form;
}

/**
 * The form recording a city's reply to the campaign letter
 * (POST /api/campaigns/{code}/reply), for the cities the server offers.
 */
function replyCard(steps: CampaignStep[]): HTMLElement {
  const who = h("select", { name: "city" }, steps.map((s, i) =>
    h("option", { value: String(i) }, `${cityName(s.city)}, ${s.city.country} — ${s.campaign.title}`)));
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
    const s = steps[Number(who.value)];
    try {
      const r = await post<{ reply_letter_id: number }>(`/api/campaigns/${encodeURIComponent(s.campaign.code)}/reply`, {
        city: s.city.id,
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

/**
 * Recording that a city forwarded the campaign letter to some of its twins
 * (POST /api/campaigns/{code}/forward): the twins the server lists
 * (GET .../forward-candidates), those it would refuse shown with the reason
 * and not selectable.
 */
function forwardCard(step: CampaignStep): HTMLElement {
  const code = encodeURIComponent(step.campaign.code);
  const list = h("fieldset", { class: "twins", "data-testid": "forward-twins" },
    h("legend", {}, tf("forward.twinsOf", { city: cityName(step.city) })));
  const date = h("input", { name: "date", type: "date", value: today(), required: true });
  const result = h("div", {});
  const boxes: { id: number; box: HTMLInputElement }[] = [];
  get<ForwardCandidate[]>(`/api/campaigns/${code}/forward-candidates?city=${step.city.id}`)
    .then((twins) => {
      if (!twins.length) list.append(h("p", { class: "muted" }, t("forward.noTwins")));
      for (const tw of twins) {
        const box = h("input", { type: "checkbox", name: "to", value: String(tw.city.id), disabled: tw.reason !== null });
        boxes.push({ id: tw.city.id, box });
        list.append(h("label", { class: "check" }, box, ` ${cityName(tw.city)}, ${tw.city.country}`,
          tw.reason ? h("span", { class: "muted" }, ` — ${t("forward.cannot")}: ${reasonText(tw.reason_code, tw.reason, tw.contacted_by)}`) : null));
      }
    })
    .catch((e) => list.append(errorBox(e)));
  const form = h("form", { class: "form-grid", "data-testid": "forward-form" },
    list,
    field(t("forward.date"), date),
    result,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("forward.submit"))));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const to = boxes.filter((b) => b.box.checked).map((b) => b.id);
    if (!to.length) {
      result.replaceChildren(h("p", { class: "error", role: "alert" }, t("forward.pickOne")));
      return;
    }
    try {
      const wave = await post<{ sent: { city: { id: number; name: string; country: string }; letter_id: number; number: string }[] }>(
        `/api/campaigns/${code}/forward`, { city: step.city.id, to, date: date.value });
      form.replaceWith(h("div", { role: "status", "data-testid": "forward-result" },
        h("p", {}, tf("forward.done", { city: cityName(step.city), n: wave.sent.length })),
        h("ul", {}, wave.sent.map((s) => h("li", {}, `${cityName(s.city)}, ${s.city.country}: `,
          h("a", { href: `/letters/${s.letter_id}`, "data-link": true }, `${t("letters.number")} ${s.number}`))))));
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  });
  return h("section", { class: "card" },
    h("h2", {}, tf("forward.title", { city: cityName(step.city) })),
    h("p", { class: "muted" }, step.campaign.title), form);
}

type Office = Schemas["Office"];
/** A twin a city may (or may not, and why) name when recording its forward. */
type ForwardCandidate = JsonOf<operations["listForwardCandidates"]["responses"][200]>[number];

/** The offices the server lets this user write for (GET /api/offices; 403 for a viewer). */
function writableOffices(): Promise<Office[]> {
  return get<Page<Office>>("/api/offices?limit=500").then(items);
}

type Preview = JsonOf<operations["previewLetter"]["responses"][200]>;
/** The languages a letter to a city may be in, and the default for a template (GET /api/cities/{id}/letter-languages). */
type LetterLanguages = JsonOf<operations["getLetterLanguages"]["responses"][200]>;

/** A language as the interface names it, with its code: "German (de)", "Немецкий (de)". */
function langLabel(code: string): string {
  const name = languageName(code);
  return name === code ? code : `${name} (${code})`;
}

/** Why a letter to a city of `country` is in a language ("official", "city", ...), in the interface's language. */
const langReason = (code: string, country: string) => tf(`langReason.${code}`, { country: regionName(country) });

/**
 * The compose page's language choice: the first addressee's languages in
 * the server's order (each one's reason said when it is chosen), then the
 * template's other languages; "" lets the server choose, as the note says.
 */
function languagePicker(templateLanguages: () => string[], onChange: () => void) {
  const select = h("select", { name: "lang" }, h("option", { value: "" }, t("letters.auto")));
  const note = h("small", { class: "muted", "data-testid": "lang-reason", "aria-live": "polite" });
  let langs: LetterLanguages | null = null;
  let city = "";
  const explain = () => {
    const picked = langs?.options.find((o) => o.lang === select.value);
    if (!langs) note.textContent = "";
    else if (!select.value) {
      note.textContent = tf("letters.langDefault", {
        lang: languageName(langs.lang),
        reason: langs.reason_code === "fallback" ? t("langReason.fallback") : langReason(langs.reason_code, langs.country),
      });
    } else note.textContent = picked ? `${languageName(picked.lang)}: ${langReason(picked.source, langs.country)}.` : "";
  };
  const fill = () => {
    const keep = select.value;
    const offered = new Set<string>();
    const groups: HTMLElement[] = [];
    if (langs) {
      groups.push(h("optgroup", { label: tf("letters.langsOfAddressee", { city }) }, langs.options.map((o) => {
        offered.add(o.lang);
        return h("option", { value: o.lang, disabled: !o.has_template },
          o.has_template ? langLabel(o.lang) : `${langLabel(o.lang)} — ${t("letters.noTemplateIn")}`);
      })));
    }
    const others = templateLanguages().filter((code) => !offered.has(code));
    if (others.length) groups.push(h("optgroup", { label: t("letters.otherLangs") }, others.map((code) => h("option", { value: code }, langLabel(code)))));
    select.replaceChildren(h("option", { value: "" }, t("letters.auto")), ...groups);
    select.value = [...select.options].some((o) => o.value === keep && !o.disabled) ? keep : "";
    explain();
  };
  select.addEventListener("change", explain);
  let seq = 0;
  /** Asks the server for `to`'s languages (or forgets them) and offers them; calls onChange if the choice had to change. */
  const update = async (to: CityHit | undefined, template: string) => {
    const mine = ++seq;
    const before = select.value;
    let next: LetterLanguages | null = null;
    if (to) {
      try {
        next = await get<LetterLanguages>(`/api/cities/${to.id}/letter-languages?template=${encodeURIComponent(template)}`);
      } catch {
        next = null; // the preview says what is wrong
      }
    }
    if (mine !== seq) return;
    langs = next;
    city = to ? cityName(to) : "";
    fill();
    if (select.value !== before) onChange();
  };
  fill();
  return { element: field(t("letters.language"), select), select, note, update };
}

/** A template (templates/NAME) by its name in the interface's language; one added by a clerk by its directory name. */
const templateName = (name: string) => tOr(`tpl.${name}`, name);

export async function renderCompose(main: HTMLElement): Promise<void> {
  main.className = "page";
  if (!currentUser()) {
    navigate(`/login?next=/letters/new`);
    return;
  }
  main.append(h("h1", {}, t("letters.compose")));
  let offices: Office[];
  let templates: { name: string; languages: string[] }[];
  try {
    [offices, templates] = await Promise.all([
      writableOffices(),
      get<{ name: string; languages: string[] }[]>("/api/templates"),
    ]);
  } catch (e) {
    main.append(e instanceof ApiError && e.status === 403
      ? h("p", { class: "error", role: "alert", "data-testid": "may-not-compose" }, t("letters.mayNotCompose"))
      : errorBox(e));
    return;
  }
  if (!offices.length) {
    main.append(h("p", { class: "muted", role: "status", "data-testid": "no-office" }, t("letters.noOffice")));
    return;
  }
  const office = h("select", { name: "office" }, offices.map((o) => h("option", { value: o.code }, `${o.name} (${o.code})`)));
  const template = h("select", { name: "template" }, templates.map((tp) => h("option", { value: tp.name }, templateName(tp.name))));
  template.value = templates.some((tp) => tp.name === "letter") ? "letter" : template.value;
  const picker = languagePicker(() => templates.find((tp) => tp.name === template.value)?.languages ?? [], () => schedule());
  const lang = picker.select;
  picker.element.append(picker.note);
  const subject = h("input", { name: "subject" });
  const body = h("textarea", { name: "body", rows: 10 });
  const deadline = h("input", { name: "deadline", type: "date" });
  const campaign = h("select", { name: "campaign" }, h("option", { value: "" }, t("letters.noCampaign")));
  const campaignField = field(t("letters.linkCampaign"), campaign);
  campaignField.hidden = true;
  const to = cityPicker(() => {
    void picker.update(to.chosen[0], template.value);
    schedule();
  });
  template.addEventListener("change", () => void picker.update(to.chosen[0], template.value));
  const error = h("div", {});
  const confirmArea = h("div", {});
  const draftButton = h("button", { type: "submit", name: "draft" }, t("letters.saveDraft"));
  const registerButton = h("button", { type: "button", class: "primary" }, t("letters.registerEllipsis"));
  const form = h("form", { class: "card form compose" },
    field(t("letters.office"), office),
    field(t("letters.template"), template),
    picker.element,
    to.element,
    field(t("letters.subject"), subject),
    field(t("letters.body"), body),
    field(t("letters.deadline"), deadline),
    campaignField,
    error,
    h("div", { class: "actions" }, draftButton, registerButton),
    confirmArea);
  const previewNumber = h("p", { "data-testid": "preview-number" });
  const previewLang = h("p", { "data-testid": "preview-lang" });
  const previewText = h("div", { class: "letter-preview", "data-testid": "preview-text", lang: "" });
  const previewPdf = h("iframe", { class: "pdf-frame preview-pdf", title: t("letters.previewPdf"), "data-testid": "preview-pdf", hidden: true });
  const previewState = h("p", { class: "muted", role: "status" }, t("letters.previewEmpty"));
  const preview = h("section", { class: "card preview", "aria-label": t("letters.preview") },
    h("h2", {}, t("letters.preview")), previewState, previewNumber, previewLang, previewText, previewPdf);
  main.append(h("div", { class: "compose-layout" }, form, preview));

  const draft = (): Record<string, unknown> => {
    const payload: Record<string, unknown> = {
      office: office.value,
      template: template.value,
      addressees: to.chosen.map((c) => ({ city_id: c.id })),
      subject: subject.value,
      body: body.value,
    };
    if (lang.value) payload.lang = lang.value;
    if (deadline.value) payload.response_deadline = deadline.value;
    return payload;
  };
  let latest: Preview | null = null;
  let pdfUrl = "";
  let seq = 0;
  let timer = 0;
  const update = async () => {
    const mine = ++seq;
    if (!to.chosen.length) {
      latest = null;
      previewState.textContent = t("letters.previewEmpty");
      previewNumber.textContent = "";
      previewLang.textContent = "";
      previewText.replaceChildren();
      previewPdf.hidden = true;
      campaignField.hidden = true;
      return;
    }
    previewState.textContent = t("letters.previewUpdating");
    try {
      const [p, pdf] = await Promise.all([
        post<Preview>("/api/letters/preview", draft()),
        postBlob("/api/letters/preview/pdf", draft()),
      ]);
      if (mine !== seq) return;
      latest = p;
      previewState.textContent = "";
      previewNumber.textContent = tf("letters.previewNumber", { office: `${p.office.name} (${p.office.code})`, number: p.next_number });
      previewLang.textContent = tf("letters.previewLang", { lang: langLabel(p.document.lang) });
      previewText.setAttribute("lang", p.document.lang);
      previewText.replaceChildren(...documentBlocks(p.document));
      if (pdfUrl) URL.revokeObjectURL(pdfUrl);
      pdfUrl = URL.createObjectURL(pdf);
      previewPdf.src = pdfUrl;
      previewPdf.hidden = false;
      const chosen = campaign.value;
      campaign.replaceChildren(h("option", { value: "" }, t("letters.noCampaign")),
        ...p.campaigns.map((c) => h("option", { value: c.code }, c.title)));
      campaign.value = p.campaigns.some((c) => c.code === chosen) ? chosen : "";
      campaignField.hidden = !p.campaigns.length;
    } catch (e) {
      if (mine !== seq) return;
      latest = null;
      previewState.replaceChildren(errorBox(e));
    }
  };
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(), 350);
  };
  for (const c of [office, template, lang, subject, body, deadline]) {
    c.addEventListener("input", schedule);
    c.addEventListener("change", schedule);
  }

  const create = async (register: boolean) => {
    const payload = draft();
    if (register) payload.register = true;
    if (campaign.value && !campaignField.hidden) payload.campaign = campaign.value;
    const created = await api<LetterView>("POST", "/api/letters", payload);
    navigate(`/letters/${created.letter.id}`);
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.replaceChildren();
    try {
      await create(false);
    } catch (err) {
      error.replaceChildren(errorBox(err));
    }
  });
  registerButton.addEventListener("click", async () => {
    error.replaceChildren();
    window.clearTimeout(timer);
    await update();
    if (!latest) {
      error.replaceChildren(h("p", { class: "error", role: "alert" }, t("letters.previewFirst")));
      return;
    }
    confirmArea.replaceChildren(confirmPanel(
      tf("letters.confirmRegister", {
        office: `${latest.office.name} (${latest.office.code})`,
        number: latest.next_number,
        n: to.chosen.length,
      }),
      t("letters.registerConfirm"),
      () => create(true)));
  });
}

/** The merged letter, block by block as it prints (POST /api/letters/preview's document). */
function documentBlocks(d: Preview["document"]): HTMLElement[] {
  const lines = (xs: string[], cls: string) => h("div", { class: cls }, xs.map((x) => h("div", {}, x)));
  const paras = (xs: string[], cls: string) => h("div", { class: cls }, xs.map((x) => h("p", {}, x)));
  return [
    lines(d.letterhead, "pv-letterhead"),
    lines(d.registration, "pv-registration"),
    lines(d.addressee, "pv-addressee"),
    h("p", { class: "pv-subject" }, h("strong", {}, d.subject)),
    paras(d.salutation, "pv-salutation"),
    paras(d.body, "pv-body"),
    paras(d.closing, "pv-closing"),
    lines(d.signature, "pv-signature"),
  ];
}
