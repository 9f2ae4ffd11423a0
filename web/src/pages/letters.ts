// The correspondence register: the list with its filters, one letter with
// its references and its PDF, and composing a letter from a template for one
// or many addressees.

import { api, get, post } from "../api";
import { append, h } from "../dom";
import { addStrings, t } from "../i18n";
import { navigate } from "../router";
import { canCoordinate, currentUser } from "../session";
import { searchBox, type CityHit } from "../search";
import { errorBox, field, today } from "../format";

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
  },
});

interface LetterSummary {
  id: number;
  number: string;
  date: string | null;
  direction: string;
  kind: string;
  status: string;
  office_code: string;
  sender_city: string;
  sender_city_id: number | null;
  addressee: string;
  subject: string;
  response_deadline: string | null;
}

interface ListResult<T> {
  items: T[];
  total: number;
}

interface LetterLinkJson {
  kind: string;
  target: number;
  target_number: string;
  target_date: string | null;
}

interface LetterJson {
  id: number;
  number: string;
  date: string | null;
  direction: string;
  kind: string;
  status: string;
  lang: string;
  subject: string;
  body: string;
  sender: { city_id: number | null; letterhead: string; signatory_name: string; signatory_title: string };
  addressees: { city_id: number | null; title: string; name: string }[];
  links: LetterLinkJson[];
  attachments: { id: number; name: string; size: number; sha256: string }[];
  response_deadline: string | null;
}

interface LetterView {
  letter: LetterJson;
  office: { code: string; name: string };
  referred_by: { kind: string; letter: LetterSummary }[];
}

const items = <T>(r: T[] | ListResult<T>): T[] => (Array.isArray(r) ? r : r.items);

export async function renderLetters(main: HTMLElement): Promise<void> {
  main.className = "page";
  if (!currentUser()) {
    navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
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
      canCoordinate() ? h("a", { href: "/letters/new", "data-link": true, class: "button primary" }, t("letters.compose")) : null),
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
  const late = (l: LetterSummary) => l.response_deadline && l.response_deadline < today() && l.status !== "answered";
  return h("table", { class: "register", "data-testid": "letters-table" },
    h("thead", {}, h("tr", {},
      h("th", {}, t("letters.number")), h("th", {}, t("letters.date")), h("th", {}, t("letters.direction")),
      h("th", {}, t("letters.from")), h("th", {}, t("letters.to")), h("th", {}, t("letters.subject")),
      h("th", {}, t("letters.status")), h("th", {}, t("letters.deadline")))),
    h("tbody", {}, rows.map((l) =>
      h("tr", { class: late(l) ? "late" : "" },
        h("td", {}, h("a", { href: `/letters/${l.id}`, "data-link": true }, l.number || t("letters.draft"))),
        h("td", {}, l.date ?? ""),
        h("td", {}, l.direction === "incoming" ? "⇦" : "⇨", " ", l.kind),
        h("td", {}, l.sender_city || l.office_code),
        h("td", {}, l.addressee),
        h("td", {}, l.subject),
        h("td", {}, l.status),
        h("td", {}, l.response_deadline ?? "")))));
}

export async function renderLetter(main: HTMLElement, params: Record<string, string>): Promise<void> {
  main.className = "page";
  let view: LetterView;
  try {
    view = await get<LetterView>(`/api/letters/${encodeURIComponent(params.id)}`);
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  const l = view.letter;
  const actions = h("div", { class: "actions" });
  if (canCoordinate() && l.status === "draft") {
    actions.append(h("button", { type: "button", class: "primary", onclick: async () => {
      try {
        await post(`/api/letters/${l.id}/register`, { date: today() });
        navigate(`/letters/${l.id}`);
      } catch (e) {
        actions.append(errorBox(e));
      }
    } }, t("letters.register")));
  }
  append(main, [
    h("header", { class: "page-head" },
      h("h1", {}, `${t("letters.number")} ${l.number || t("letters.draft")}`, h("span", { class: "muted" }, l.date ? ` · ${l.date}` : "")),
      h("a", { href: `/api/letters/${l.id}/pdf`, class: "button", target: "_blank" }, t("letters.pdf"))),
    h("section", { class: "card" },
      h("dl", { class: "facts" },
        h("dt", {}, t("letters.office")), h("dd", {}, `${view.office.name} (${view.office.code})`),
        h("dt", {}, t("letters.direction")), h("dd", {}, `${l.direction} · ${l.kind} · ${l.status}`),
        h("dt", {}, t("letters.from")), h("dd", {}, [l.sender.letterhead, l.sender.signatory_title, l.sender.signatory_name].filter(Boolean).join(" · ")),
        h("dt", {}, t("letters.to")), h("dd", {}, l.addressees.map((a) => [a.title, a.name].filter(Boolean).join(" ")).join("; ")),
        h("dt", {}, t("letters.subject")), h("dd", {}, l.subject),
        h("dt", {}, t("letters.language")), h("dd", {}, l.lang),
        l.response_deadline ? [h("dt", {}, t("letters.deadline")), h("dd", {}, l.response_deadline)] : null,
      ),
      actions),
    l.links.length
      ? h("section", { class: "card" }, h("h2", {}, t("letters.references")),
          h("ul", { "data-testid": "references" }, l.links.map((ln) =>
            h("li", {}, `${ln.kind}: `, h("a", { href: `/letters/${ln.target}`, "data-link": true },
              `${t("letters.number")} ${ln.target_number}`), ln.target_date ? ` · ${ln.target_date}` : ""))))
      : null,
    view.referred_by.length
      ? h("section", { class: "card" }, h("h2", {}, t("letters.referredBy")),
          h("ul", { "data-testid": "referred-by" }, view.referred_by.map((r) =>
            h("li", {}, `${r.kind}: `, h("a", { href: `/letters/${r.letter.id}`, "data-link": true },
              `${t("letters.number")} ${r.letter.number || t("letters.draft")}`), ` · ${r.letter.date ?? ""} · ${r.letter.subject}`))))
      : null,
    l.attachments.length
      ? h("section", { class: "card" }, h("h2", {}, t("letters.attachments")),
          h("ul", {}, l.attachments.map((a) => h("li", {}, `${a.name} (${a.size} B, SHA-256 ${a.sha256.slice(0, 12)}…)`))))
      : null,
    h("section", { class: "card pdf" },
      h("iframe", { src: `/api/letters/${l.id}/pdf`, title: t("letters.pdf"), class: "pdf-frame", "data-testid": "pdf-frame" })),
  ]);
}

interface Office {
  id: number;
  code: string;
  name: string;
}

export async function renderCompose(main: HTMLElement): Promise<void> {
  main.className = "page";
  if (!canCoordinate()) {
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
        h("button", { type: "button", class: "chip-x", "aria-label": `remove ${c.name}`, onclick: () => {
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

