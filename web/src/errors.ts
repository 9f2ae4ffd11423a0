// The one place where a refusal of the server becomes a sentence in the
// interface's language. The server answers every error with
// {"error": {"code", "message", "field"}} (model/error.h: invalid_input,
// not_found, ambiguous, conflict, unauthenticated, forbidden, unavailable,
// rate_limited; the HTTP layer adds method_not_allowed, payload_too_large,
// busy): the code picks the sentence, the field (a request field's name)
// its label, and the server's own English message stays available as the
// detail (it names the value, e.g. which countries an ambiguous name
// matches). Pages show refusals only through refusalBox().

import { ApiError } from "./api";
import { h } from "./dom";
import { addStrings, t, tf, tOr } from "./i18n";
import { cityName } from "./citynames";

addStrings({
  en: {
    "error.invalid_input": "This value is not valid.",
    "error.invalid_input.field": "Please check “{field}”.",
    "error.not_found": "Not found.",
    "error.not_found.field": "No such {field}.",
    "error.not_found.value": "{field} “{value}” was not found.",
    "error.ambiguous": "The name matches several entries; please be more precise.",
    "error.ambiguous.field": "“{field}” matches several entries; please be more precise.",
    "error.ambiguous.value": "{field} “{value}” matches several entries; please be more precise.",
    "error.conflict": "This contradicts what is already recorded.",
    "error.unauthenticated": "Please sign in to do this.",
    "error.forbidden": "Your role may not see or do this.",
    "error.unavailable": "The server is unavailable for a moment; please try again.",
    "error.rate_limited": "Too many attempts; please wait and try again.",
    "error.busy": "The server is busy; please try again in a moment.",
    "error.payload_too_large": "What was sent is too large.",
    "error.network": "The server could not be reached.",
    "error.other": "Something went wrong.",
    "error.detail": "Details",
    "error.signIn": "Sign in",
    "field.country": "Country",
    "field.evidence": "Evidence",
    "field.state": "State",
    "field.reason": "Reason",
    "field.comply": "p: chance an informed city complies",
    "field.endorse": "q: chance a city's ask to its ministry succeeds",
    "field.runs": "Runs",
    "field.budget": "Cities to pick",
    "field.seed": "Originating cities",
    "field.campaign": "Campaign",
    "field.city": "City",
    "field.cities": "Cities",
    "field.name": "Name",
    "field.password": "Password",
    "field.date": "Date",
    "field.from": "From",
    "field.to": "To",
    "field.lat": "Latitude",
    "field.lng": "Longitude",
    "field.population": "Population",
    "field.number": "Number",
    "field.sender_date": "Sender's date",
    "field.office": "Office",
    "field.addressees": "Addressees",
    "field.subject": "Subject",
    "field.body": "Text",
    "field.title": "Title",
    "field.template": "Template",
    "field.lang": "Language",
    "field.code": "Code",
    "field.letter": "Letter",
    "reason.originator": "originator of this campaign",
    "reason.already_contacted": "already contacted by {city}",
    "reason.already_contacted.nobody": "already contacted",
  },
  ru: {
    "error.invalid_input": "Недопустимое значение.",
    "error.invalid_input.field": "Проверьте поле «{field}».",
    "error.not_found": "Не найдено.",
    "error.not_found.field": "Не найдено: {field}.",
    "error.not_found.value": "{field}: по запросу «{value}» ничего не найдено.",
    "error.ambiguous": "Название подходит к нескольким записям; уточните его.",
    "error.ambiguous.field": "«{field}» подходит к нескольким записям; уточните.",
    "error.ambiguous.value": "{field} «{value}» подходит к нескольким записям; уточните.",
    "error.conflict": "Это противоречит уже записанному.",
    "error.unauthenticated": "Чтобы сделать это, войдите в систему.",
    "error.forbidden": "Вашей роли это не разрешено.",
    "error.unavailable": "Сервер временно недоступен; попробуйте ещё раз.",
    "error.rate_limited": "Слишком много попыток; подождите и попробуйте снова.",
    "error.busy": "Сервер занят; попробуйте через минуту.",
    "error.payload_too_large": "Отправлено слишком много данных.",
    "error.network": "Не удалось связаться с сервером.",
    "error.other": "Произошла ошибка.",
    "error.detail": "Подробности",
    "error.signIn": "Войти",
    "field.country": "Страна",
    "field.evidence": "Основание",
    "field.state": "Состояние",
    "field.reason": "Причина",
    "field.comply": "p: вероятность, что город поддержит",
    "field.endorse": "q: вероятность, что МИД ответит согласием",
    "field.runs": "Прогонов",
    "field.budget": "Сколько городов выбрать",
    "field.seed": "Города-инициаторы",
    "field.campaign": "Кампания",
    "field.city": "Город",
    "field.cities": "Города",
    "field.name": "Имя",
    "field.password": "Пароль",
    "field.date": "Дата",
    "field.from": "С",
    "field.to": "По",
    "field.lat": "Широта",
    "field.lng": "Долгота",
    "field.population": "Население",
    "field.number": "Номер",
    "field.sender_date": "Дата отправителя",
    "field.office": "Канцелярия",
    "field.addressees": "Адресаты",
    "field.subject": "Тема",
    "field.body": "Текст",
    "field.title": "Название",
    "field.template": "Шаблон",
    "field.lang": "Язык",
    "field.code": "Код",
    "field.letter": "Письмо",
    "reason.originator": "инициатор этой кампании",
    "reason.already_contacted": "уже получил письмо от города {city}",
    "reason.already_contacted.nobody": "уже получил письмо",
  },
});

/** A refusal in words: the sentence in the interface's language and the server's own message, if any. */
export interface Refusal {
  text: string;
  detail: string | null;
  signIn: boolean; // the caller should sign in (offer the way)
}

const known = (key: string) => t(key) !== key;

/**
 * What the user typed, by request field: a refusal naming one of these
 * fields quotes the value ("Country “Germanistan” was not found."), so the
 * user sees what was refused without opening the server's detail.
 */
export type Typed = Record<string, string>;

/** The sentence for an error of the API (or of the network, or of the page). */
export function refusal(e: unknown, typed: Typed = {}): Refusal {
  if (!(e instanceof ApiError)) {
    if (e instanceof TypeError) return { text: t("error.network"), detail: null, signIn: false };
    // A page's own message (already in the interface's language).
    const message = (e as Error)?.message ?? String(e);
    return { text: message || t("error.other"), detail: null, signIn: false };
  }
  const base = `error.${e.code}`;
  const fieldKey = e.field ? `field.${e.field}` : "";
  const value = e.field ? typed[e.field] : undefined;
  let text: string;
  if (fieldKey && known(fieldKey) && value && known(`${base}.value`)) {
    text = tf(`${base}.value`, { field: t(fieldKey), value });
  } else if (fieldKey && known(fieldKey) && known(`${base}.field`)) {
    text = tf(`${base}.field`, { field: t(fieldKey) });
  } else if (known(base)) {
    text = t(base);
  } else {
    text = t("error.other");
  }
  return { text, detail: e.message && e.message !== text ? e.message : null, signIn: e.code === "unauthenticated" };
}

/**
 * Why a step is not open, given by the server as a code (e.g. a forward's
 * candidate twin: "originator", "already_contacted" with the city that
 * contacted it), in the interface's language; the server's English text
 * for a code this interface does not know.
 */
export function reasonText(code: string | null | undefined, english: string, city?: { id: number; name: string } | null): string {
  if (!code) return english;
  if (code === "already_contacted" && !city) return tOr("reason.already_contacted.nobody", english);
  return tOr(`reason.${code}`, english).replace("{city}", city ? cityName(city) : "");
}

/** A refusal as the page shows it: an alert with the sentence, the way to sign in where that helps, the server's detail folded. */
export function refusalBox(e: unknown, typed: Typed = {}): HTMLElement {
  const r = refusal(e, typed);
  const next = encodeURIComponent(location.pathname + location.search);
  return h("div", { class: "error refusal", role: "alert" },
    h("p", {}, r.text,
      r.signIn ? [" ", h("a", { href: `/login?next=${next}`, "data-link": true }, t("error.signIn"))] : null),
    r.detail ? h("details", { class: "muted small" }, h("summary", {}, t("error.detail")), h("p", { lang: "en" }, r.detail)) : null);
}
