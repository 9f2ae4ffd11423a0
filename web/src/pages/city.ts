// A city's page: its names (former ones with their years), head and
// contacts, its twins with dates and sources, each link's dated history, and
// the letters it sent and received.

import { ApiError, get, itemsOf } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { cityName } from "../citynames";
import { coordinatesOrigin, count, errorBox, point } from "../format";
import { renderNotFound } from "./notfound";
import type { JsonOf, Page, Schemas, operations } from "../schemas";

type CityName = Schemas["CityName"];
/** A row of GET /api/cities/{id}/twins. */
type Twin = Schemas["Twin"];
/** GET /api/cities/{id}: the city with all its names (twins come separately) and what the caller may do with it. */
export type CityDetail = JsonOf<operations["getCity"]["responses"][200]>;

type LetterRow = Schemas["LetterSummary"];

function period(n: CityName): string {
  if (!n.valid_from && !n.valid_to) return "";
  return ` (${n.valid_from ?? "…"}–${n.valid_to ?? ""})`;
}

/** A link's source: a link if it is a URL, else its text. */
function sourceOf(source: string, separator = true): HTMLElement | null {
  if (!source) return null;
  const lead = separator ? " · " : "";
  return /^https?:\/\//.test(source)
    ? h("span", { class: "source" }, lead, h("a", { href: source, rel: "noopener noreferrer" }, t("city.source")))
    : h("span", { class: "source muted" }, lead, source);
}

function field(label: string, value: string | number | null | undefined) {
  if (value === null || value === undefined || value === "") return null;
  return [h("dt", {}, label), h("dd", {}, String(value))];
}

export async function renderCity(main: HTMLElement, params: Record<string, string>): Promise<void> {
  main.className = "page";
  let city: CityDetail;
  let twins: Twin[];
  try {
    const id = encodeURIComponent(params.id);
    [city, twins] = await Promise.all([
      get<CityDetail>(`/api/cities/${id}`),
      get<{ items: Twin[] }>(`/api/cities/${id}/twins?limit=500`).then(itemsOf),
    ]);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return renderNotFound(main);
    main.append(h("h1", {}, t("city.twins")), errorBox(e));
    return;
  }
  // The source most links share (typically the imported list) is named
  // once above the list; the others beside their link.
  const sourceCounts = new Map<string, number>();
  for (const tw of twins) if (tw.link.source) sourceCounts.set(tw.link.source, (sourceCounts.get(tw.link.source) ?? 0) + 1);
  const [commonSource, commonCount] = [...sourceCounts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  const shared = commonCount >= 2 ? commonSource : "";
  const former = city.names.filter((n) => n.kind === "former");
  const other = city.names.filter((n) => n.kind === "local" || n.kind === "alternate");
  // Letters are not public: the server says whether the caller may read
  // this city's (city.can); others see the section say so.
  const letters = city.can.read_letters
    ? await get<Page<LetterRow>>(`/api/letters?city=${city.id}&limit=50`).then(itemsOf).catch(() => null)
    : null;
  const name = cityName(city);
  main.append(
    h("header", { class: "page-head" },
      h("h1", {}, name, h("span", { class: "muted" }, ", ", city.country)),
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
        city.population !== null
          ? [h("dt", {}, t("city.population")), h("dd", { "data-testid": "population" }, count(city.population))]
          : null,
        h("dt", {}, t("city.coordinates")),
        h("dd", { "data-testid": "coordinates" },
          city.lat !== null && city.lng !== null
            ? [point(city.lat, city.lng), h("span", { class: "muted" }, " · "), ...coordinatesOrigin(city)]
            : h("span", { class: "muted" }, t("city.noCoordinates"))),
      ),
    ),
    h("section", { class: "card" },
      h("h2", {}, `${t("city.twins")} (${twins.length})`),
      shared ? h("p", { class: "muted small" }, `${t("city.sourceUnlessNoted")}: `, sourceOf(shared, false)) : null,
      h("ul", { class: "twins", "data-testid": "twins" },
        twins.map((tw) =>
          h("li", {},
            h("a", { href: `/city/${tw.city_id}`, "data-link": true }, cityName({ id: tw.city_id, name: tw.name })),
            h("span", { class: "muted" }, `, ${tw.country} · ${t(`kind.${tw.link.kind}`)}`),
            tw.link.since ? h("span", {}, ` ${t("city.since")} ${tw.link.since}`) : null,
            tw.link.until ? h("span", {}, ` ${t("city.until")} ${tw.link.until}`) : null,
            tw.link.status !== "active" ? h("span", { class: `state state-${tw.link.status}` }, ` ${t(`status.${tw.link.status}`)}`) : null,
            tw.link.source === shared ? null : sourceOf(tw.link.source),
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
      letters === null
        ? h("p", { class: "muted" }, t("city.lettersHidden"))
        : letters.length
        ? h("ul", { class: "letters" },
            letters.map((l) =>
              h("li", {}, h("a", { href: `/letters/${l.id}`, "data-link": true }, l.number || `#${l.id}`),
                h("span", { class: "muted" }, ` ${l.date ?? ""} · ${t(`direction.${l.direction}`)} · `), l.subject)))
        : h("p", { class: "muted" }, t("city.noLetters")),
    ),
  );
}
