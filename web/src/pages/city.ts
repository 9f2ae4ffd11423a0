// A city's page: its names (former ones with their years), head and
// contacts, its twins with dates and sources, each link's dated history, and
// the letters it sent and received.

import { ApiError, get } from "../api";
import { h } from "../dom";
import { t } from "../i18n";

interface CityName {
  name: string;
  lang: string;
  kind: string;
  valid_from: string | null;
  valid_to: string | null;
}

interface LinkEvent {
  date: string;
  text: string;
  source: string;
}

interface Twin {
  city_id: number;
  name: string;
  country: string;
  link: { id: number; kind: string; since: string | null; until: string | null; status: string; source: string; notes: string };
  events: LinkEvent[];
}

export interface CityDetail {
  id: number;
  name: string;
  country: string;
  lat: number | null;
  lng: number | null;
  population: number | null;
  head_name: string;
  head_title: string;
  postal_address: string;
  phone: string;
  fax: string;
  email: string;
  languages: string[];
  names: CityName[];
  twins: Twin[];
}

interface LetterRow {
  id: number;
  number: string | null;
  date: string | null;
  direction: string;
  subject: string;
}

function period(n: CityName): string {
  if (!n.valid_from && !n.valid_to) return "";
  return ` (${n.valid_from ?? "…"}–${n.valid_to ?? ""})`;
}

function field(label: string, value: string | number | null | undefined) {
  if (value === null || value === undefined || value === "") return null;
  return [h("dt", {}, label), h("dd", {}, String(value))];
}

export async function renderCity(main: HTMLElement, params: Record<string, string>): Promise<void> {
  main.className = "page";
  let city: CityDetail;
  try {
    city = await get<CityDetail>(`/api/cities/${encodeURIComponent(params.id)}`);
  } catch (e) {
    main.append(h("p", { class: "error" }, e instanceof ApiError && e.status === 404 ? t("common.notFound") : t("common.error")));
    return;
  }
  const former = city.names.filter((n) => n.kind === "former");
  const other = city.names.filter((n) => n.kind === "local" || n.kind === "alternate");
  const letters = await get<LetterRow[] | { items: LetterRow[] }>(`/api/letters?city=${city.id}&limit=50`)
    .then((r) => (Array.isArray(r) ? r : r.items))
    .catch(() => [] as LetterRow[]);
  main.append(
    h("header", { class: "page-head" },
      h("h1", {}, city.name, h("span", { class: "muted" }, ", ", city.country)),
      h("a", { href: `/?city=${city.id}`, "data-link": true, class: "button" }, t("nav.map")),
    ),
    h("section", { class: "card" },
      h("dl", { class: "facts" },
        former.length ? [h("dt", {}, t("city.formerNames")), h("dd", { "data-testid": "former-names" }, former.map((n) => n.name + period(n)).join("; "))] : null,
        other.length ? [h("dt", {}, t("city.otherNames")), h("dd", {}, other.map((n) => n.name + (n.lang ? ` [${n.lang}]` : "")).join("; "))] : null,
        field(t("city.head"), [city.head_title, city.head_name].filter(Boolean).join(" ")),
        field(t("city.address"), city.postal_address),
        field(t("city.phone"), city.phone),
        field(t("city.fax"), city.fax),
        field(t("city.email"), city.email),
        field(t("city.languages"), city.languages.join(", ")),
        field(t("city.population"), city.population?.toLocaleString()),
      ),
    ),
    h("section", { class: "card" },
      h("h2", {}, `${t("city.twins")} (${city.twins.length})`),
      h("ul", { class: "twins", "data-testid": "twins" },
        city.twins.map((tw) =>
          h("li", {},
            h("a", { href: `/city/${tw.city_id}`, "data-link": true }, tw.name),
            h("span", { class: "muted" }, `, ${tw.country} · ${tw.link.kind}`),
            tw.link.since ? h("span", {}, ` ${t("city.since")} ${tw.link.since}`) : null,
            tw.link.source && /^https?:/.test(tw.link.source)
              ? h("a", { href: tw.link.source, class: "source", rel: "noopener" }, ` ${t("city.source")}`)
              : tw.link.source ? h("span", { class: "muted" }, ` · ${tw.link.source}`) : null,
            tw.events.length
              ? h("ol", { class: "history", "aria-label": t("city.history") },
                  tw.events.map((e) => h("li", {}, h("time", {}, e.date), " ", e.text)))
              : null,
          ),
        ),
      ),
    ),
    h("section", { class: "card" },
      h("h2", {}, t("city.letters")),
      letters.length
        ? h("ul", { class: "letters" },
            letters.map((l) =>
              h("li", {}, h("a", { href: `/letters/${l.id}`, "data-link": true }, l.number ?? `#${l.id}`),
                h("span", { class: "muted" }, ` ${l.date ?? ""} · ${l.direction} · `), l.subject)))
        : h("p", { class: "muted" }, t("city.noLetters")),
    ),
  );
}
