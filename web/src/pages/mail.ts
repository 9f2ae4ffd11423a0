// Mail triage: the incoming e-mail the intake could not file by itself
// (GET /api/mail/triage), oldest first, each with its sender, subject and
// the reason. A coordinator files one as the answer to a letter of ours
// (POST /api/mail/triage/{id}/file: the letter by number or id, the sending
// city's id when the sender's address does not name it) or discards it
// (POST /api/mail/triage/{id}/discard), each after a confirmation. Only
// coordinators and admins see the list (the server refuses it to others).

import { get, post } from "../api";
import { append, h } from "../dom";
import { addStrings, t, tf } from "../i18n";
import { canCoordinate } from "../session";
import { errorBox, field } from "../format";
import type { JsonOf, Schemas, operations } from "../schemas";

addStrings({
  en: {
    "mail.title": "Mail to triage",
    "mail.intro": "Incoming e-mail that matched no letter or no sender. File each as the answer to one of our letters, or discard it; nothing is dropped without a decision.",
    "mail.notCoordinator": "You need to sign in as a coordinator to see the mail to triage.",
    "mail.none": "Nothing to triage: every incoming message was filed.",
    "mail.total": "{n} to triage",
    "mail.from": "From",
    "mail.subject": "Subject",
    "mail.received": "Received",
    "mail.noSubject": "(no subject)",
    "mail.letter": "Letter it answers (number or id)",
    "mail.city": "Sending city id (optional)",
    "mail.file": "File as an answer",
    "mail.discard": "Discard",
    "mail.confirmFile": "File the message from {from} as an answer to letter {letter}?",
    "mail.confirmDiscard": "Discard the message from {from}? It stays recorded, and is never filed.",
    "mail.filed": "Filed: message from {from} is now letter #{letter} ({outcome}).",
    "mail.discarded": "Discarded: message from {from}.",
    "mail.needLetter": "Give the number or id of the letter it answers.",
    "mail.working": "Saving…",
  },
  ru: {
    "mail.title": "Почта на разбор",
    "mail.intro": "Входящие письма, которые не удалось связать с нашим письмом или отправителем. Зарегистрируйте каждое как ответ на одно из наших писем или отклоните; без решения ничего не пропадает.",
    "mail.notCoordinator": "Чтобы разбирать почту, войдите как координатор.",
    "mail.none": "Разбирать нечего: все входящие письма зарегистрированы.",
    "mail.total": "на разборе: {n}",
    "mail.from": "От",
    "mail.subject": "Тема",
    "mail.received": "Получено",
    "mail.noSubject": "(без темы)",
    "mail.letter": "Письмо, на которое это ответ (номер или id)",
    "mail.city": "id города-отправителя (необязательно)",
    "mail.file": "Зарегистрировать как ответ",
    "mail.discard": "Отклонить",
    "mail.confirmFile": "Зарегистрировать письмо от {from} как ответ на письмо {letter}?",
    "mail.confirmDiscard": "Отклонить письмо от {from}? Запись о нём останется, но оно не будет зарегистрировано.",
    "mail.filed": "Зарегистрировано: письмо от {from} — теперь письмо №{letter} ({outcome}).",
    "mail.discarded": "Отклонено: письмо от {from}.",
    "mail.needLetter": "Укажите номер или id письма, на которое это ответ.",
    "mail.working": "Сохранение…",
  },
});

type MailMessage = Schemas["MailMessage"];
type TriagePage = JsonOf<operations["listMailTriage"]["responses"][200]>;
type Filing = Schemas["MailFiling"];

export async function renderMail(main: HTMLElement): Promise<void> {
  main.className = "page";
  append(main, [h("h1", {}, t("mail.title")), h("p", { class: "muted intro" }, t("mail.intro"))]);
  if (!canCoordinate()) {
    main.append(h("p", { class: "card notice", "data-testid": "mail-notice" }, t("mail.notCoordinator")));
    return;
  }
  let page: TriagePage;
  try {
    page = await get<TriagePage>("/api/mail/triage?limit=100");
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  let left = page.items.length;
  const summary = h("p", { class: "review-total", "data-testid": "mail-total", role: "status" });
  const update = () => {
    summary.textContent = left === 0 ? t("mail.none") : tf("mail.total", { n: String(left) });
  };
  update();
  main.append(summary, h("div", { class: "reviews" }, page.items.map((m) => messageCard(m, () => {
    left -= 1;
    update();
  }))));
}

function messageCard(m: MailMessage, onDecided: () => void): HTMLElement {
  const card = h("article", { class: "card review", "data-testid": "mail-message", "data-id": m.id });
  const message = h("div", { class: "review-message" });
  const letter = h("input", { type: "text", name: "letter", autocomplete: "off" });
  const city = h("input", { type: "number", name: "city", min: 1, step: 1 });
  const fileButton = h("button", { type: "submit" }, t("mail.file"));
  const discardButton = h("button", { type: "button", class: "ghost" }, t("mail.discard"));
  const buttons = [fileButton, discardButton];
  const from = m.from || "—";

  const act = async (question: string, path: string, body: object, done: (r: unknown) => string) => {
    if (!window.confirm(question)) return;
    for (const b of buttons) b.disabled = true;
    message.replaceChildren(h("p", { class: "muted" }, t("mail.working")));
    try {
      const result = await post<unknown>(path, body);
      card.replaceWith(h("p", { class: "card saved", role: "status", "data-testid": "mail-decided", "data-id": m.id }, done(result)));
      onDecided();
    } catch (e) {
      for (const b of buttons) b.disabled = false;
      message.replaceChildren(errorBox(e));
    }
  };

  const form = h("form", { class: "by-hand-form" }, field(t("mail.letter"), letter), field(t("mail.city"), city), fileButton);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const ref = letter.value.trim();
    if (ref === "") {
      message.replaceChildren(h("p", { class: "error", role: "alert" }, t("mail.needLetter")));
      return;
    }
    const body: { letter: string; city?: number } = { letter: ref };
    if (city.value.trim() !== "") body.city = Number(city.value);
    void act(tf("mail.confirmFile", { from, letter: ref }), `/api/mail/triage/${m.id}/file`, body,
      (r) => {
        const f = r as Filing;
        return tf("mail.filed", { from, letter: String(f.letter_id ?? ""), outcome: f.outcome });
      });
  });
  discardButton.addEventListener("click", () => {
    void act(tf("mail.confirmDiscard", { from }), `/api/mail/triage/${m.id}/discard`, {},
      () => tf("mail.discarded", { from }));
  });

  append(card, [
    h("header", { class: "review-head" },
      h("h2", {}, m.subject || t("mail.noSubject")),
      h("span", { class: "muted small" }, `${t("mail.received")} ${m.received_at.slice(0, 16).replace("T", " ")}`)),
    h("p", {}, `${t("mail.from")}: `, h("span", { "data-testid": "mail-from" }, from)),
    h("p", { class: "reason" }, m.reason),
    h("div", { class: "review-actions" }, form, discardButton),
    message,
  ]);
  return card;
}
