// Places to review: the cities the geocoding pass could not place on its
// own (GET /api/geocode/reviews), page by page, each with the pass's reason,
// its gazetteer candidates in a table and on a small map of the country's
// region. A coordinator takes a candidate, keeps the recorded point, or sets
// a point by hand (POST /api/cities/{id}/geocode, after a confirmation); the
// entry then leaves the list and says where the city now is. Everyone may
// read the list; the actions are only drawn for coordinators and admins
// (the server refuses them to anyone else regardless).

import { get, post } from "../api";
import { append, h } from "../dom";
import { addStrings, t, tf } from "../i18n";
import { navigate } from "../router";
import { canCoordinate, currentUser } from "../session";
import { cityLink, count, errorBox, field, point } from "../format";
import { regionMap, type MapPoint } from "../worldmap";
import type { CityDetail } from "./city";
import type { JsonOf, Schemas, operations } from "../schemas";

addStrings({
  en: {
    "geo.title": "Places to review",
    "geo.intro": "The cities the geocoding pass could not place by itself, with the places of the same name that the GeoNames gazetteer knows. Take the place that is the city, or keep the point it has; either way no later pass moves it.",
    "geo.signIn": "You need to sign in as a coordinator to settle these places.",
    "geo.signInLink": "Sign in",
    "geo.notCoordinator": "You need to sign in as a coordinator to settle these places (you are signed in as {role}).",
    "geo.total": "{n} to review",
    "geo.showing": "showing {from}–{to}",
    "geo.none": "Nothing to review: every city is placed, or was settled by hand.",
    "geo.emptyPage": "No entries on this page.",
    "geo.first": "First page",
    "geo.previous": "Previous",
    "geo.next": "Next",
    "geo.pages": "Pages of the review list",
    "geo.recorded": "recorded point",
    "geo.noPoint": "no recorded point",
    "geo.candidates": "Places of this name in the gazetteer",
    "geo.noCandidates": "The gazetteer has no place to offer: keep the recorded point, or set the point by hand.",
    "geo.noCandidatesRead": "The gazetteer has no place of this name to offer.",
    "geo.place": "Place",
    "geo.admin": "Admin code",
    "geo.feature": "Feature code",
    "geo.population": "Population",
    "geo.distance": "Distance",
    "geo.distanceHint": "from the recorded point",
    "geo.km": "km",
    "geo.use": "Use this place",
    "geo.keep": "Keep the recorded point",
    "geo.keepNoPoint": "The city has no point to keep",
    "geo.byHand": "Set the point by hand",
    "geo.lat": "Latitude",
    "geo.lng": "Longitude",
    "geo.save": "Save this point",
    "geo.badPoint": "Give a latitude from -90 to 90 and a longitude from -180 to 180.",
    "geo.mapOf": "Map of the recorded point and the candidates of",
    "geo.legendRecorded": "recorded point",
    "geo.legendCandidate": "candidate, by its number in the table",
    "geo.confirmTake": "Place {city} at {place} (GeoNames {id}), {point}? The recorded point is replaced, and no later geocoding pass changes it.",
    "geo.confirmKeep": "Keep {city} at {point}? The point counts as set by hand, and no later geocoding pass changes it.",
    "geo.confirmHand": "Place {city} at {point}? The point counts as set by hand, and no later geocoding pass changes it.",
    "geo.saved": "{city} now at {point} ({origin})",
    "geo.working": "Saving…",
  },
  ru: {
    "geo.title": "Места на проверку",
    "geo.intro": "Города, которые геокодирование не смогло разместить само, и одноимённые места из справочника GeoNames. Выберите место, которое и есть этот город, или оставьте его точку; после этого ни один следующий проход её не изменит.",
    "geo.signIn": "Чтобы решать, где находятся эти города, войдите как координатор.",
    "geo.signInLink": "Войти",
    "geo.notCoordinator": "Чтобы решать, где находятся эти города, войдите как координатор (сейчас вы вошли как {role}).",
    "geo.total": "на проверке: {n}",
    "geo.showing": "показаны {from}–{to}",
    "geo.none": "Проверять нечего: все города размещены или уточнены вручную.",
    "geo.emptyPage": "На этой странице записей нет.",
    "geo.first": "Первая страница",
    "geo.previous": "Назад",
    "geo.next": "Далее",
    "geo.pages": "Страницы списка",
    "geo.recorded": "записанная точка",
    "geo.noPoint": "точки нет",
    "geo.candidates": "Места с этим названием в справочнике",
    "geo.noCandidates": "Справочник ничего не предлагает: оставьте записанную точку или задайте её вручную.",
    "geo.noCandidatesRead": "Мест с таким названием в справочнике нет.",
    "geo.place": "Место",
    "geo.admin": "Код региона",
    "geo.feature": "Тип объекта",
    "geo.population": "Население",
    "geo.distance": "Расстояние",
    "geo.distanceHint": "от записанной точки",
    "geo.km": "км",
    "geo.use": "Выбрать это место",
    "geo.keep": "Оставить записанную точку",
    "geo.keepNoPoint": "У города нет точки",
    "geo.byHand": "Задать точку вручную",
    "geo.lat": "Широта",
    "geo.lng": "Долгота",
    "geo.save": "Сохранить точку",
    "geo.badPoint": "Широта — от -90 до 90, долгота — от -180 до 180.",
    "geo.mapOf": "Карта записанной точки и вариантов для города",
    "geo.legendRecorded": "записанная точка",
    "geo.legendCandidate": "вариант, по номеру в таблице",
    "geo.confirmTake": "Поместить {city} в {place} (GeoNames {id}), {point}? Записанная точка будет заменена, и следующие проходы её не изменят.",
    "geo.confirmKeep": "Оставить {city} в точке {point}? Точка будет считаться заданной вручную, и следующие проходы её не изменят.",
    "geo.confirmHand": "Поместить {city} в точку {point}? Точка будет считаться заданной вручную, и следующие проходы её не изменят.",
    "geo.saved": "{city}: теперь {point} ({origin})",
    "geo.working": "Сохранение…",
  },
});

const PAGE_SIZE = 10;

/** A city on the review list, with its gazetteer candidates (GET /api/geocode/reviews). */
type Review = Schemas["GeocodeReview"];
type ReviewPage = JsonOf<operations["listGeocodeReviews"]["responses"][200]>;



/** What was saved: "Christchurch, GB now at 50.7358, -1.7813 (set by hand)", the city a link to its page. */
function savedNote(city: CityDetail): (HTMLElement | string)[] {
  const where = city.lat !== null && city.lng !== null ? point(city.lat, city.lng) : t("city.noCoordinates");
  const origin = city.coordinates_source === "manual" ? t("coords.manual")
    : city.coordinates_source === "gazetteer" ? t("coords.gazetteer")
    : t("coords.import");
  const gazetteer = city.geonames_id !== null ? `, GeoNames ${city.geonames_id}` : "";
  const text = tf("geo.saved", { city: "\u0000", point: where, origin: origin + gazetteer });
  const [before, after] = text.split("\u0000");
  return [before, h("a", { href: `/city/${city.id}`, "data-link": true }, `${city.name}, ${city.country}`), after];
}

function roleNotice(): HTMLElement | null {
  if (canCoordinate()) return null;
  const user = currentUser();
  const next = encodeURIComponent(location.pathname + location.search);
  return h("p", { class: "card notice", "data-testid": "review-notice" },
    user
      ? tf("geo.notCoordinator", { role: t(`role.${user.role}`) })
      : [t("geo.signIn"), " ", h("a", { href: `/login?next=${next}`, "data-link": true }, t("geo.signInLink"))]);
}

export async function renderGeocode(main: HTMLElement): Promise<void> {
  main.className = "page";
  const offset = Math.max(0, Math.floor(Number(new URLSearchParams(location.search).get("offset")) || 0));
  append(main, [h("h1", {}, t("geo.title")), h("p", { class: "muted intro" }, t("geo.intro")), roleNotice()]);
  let page: ReviewPage;
  try {
    page = await get<ReviewPage>(`/api/geocode/reviews?limit=${PAGE_SIZE}&offset=${offset}`);
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  let total = page.total;
  let shown = page.items.length;
  let settled = 0; // entries of this page settled here: the next page starts that much earlier
  const summary = h("p", { class: "review-total", "data-testid": "review-total", role: "status" });
  const pagers = [h("nav", { class: "pager", "aria-label": t("geo.pages") }), h("nav", { class: "pager", "aria-label": t("geo.pages") })];
  const go = (to: number) => navigate(to > 0 ? `/geocode?offset=${to}` : "/geocode");
  const update = () => {
    summary.textContent = total === 0
      ? t("geo.none")
      : shown > 0
      ? `${tf("geo.total", { n: count(total) })} · ${tf("geo.showing", { from: count(offset + 1), to: count(offset + shown) })}`
      : `${tf("geo.total", { n: count(total) })} · ${t("geo.emptyPage")}`;
    const nextOffset = offset + PAGE_SIZE - settled;
    for (const nav of pagers) {
      nav.hidden = total === 0 && offset === 0;
      nav.replaceChildren();
      append(nav, [
        h("button", { type: "button", disabled: offset === 0, onclick: () => go(Math.max(0, offset - PAGE_SIZE)) }, "← ", t("geo.previous")),
        h("button", { type: "button", disabled: nextOffset >= total, onclick: () => go(nextOffset) }, t("geo.next"), " →"),
        offset > 0 && shown === 0 ? h("button", { type: "button", onclick: () => go(0) }, t("geo.first")) : null,
      ]);
    }
  };
  update();
  const list = h("div", { class: "reviews" },
    page.items.map((r) => reviewCard(r, () => {
      total -= 1;
      shown -= 1;
      settled += 1;
      update();
    })));
  main.append(summary, pagers[0], list, pagers[1]);
}

function reviewCard(r: Review, onSettled: () => void): HTMLElement {
  const may = canCoordinate();
  const c = r.city;
  const hasPoint = c.lat !== null && c.lng !== null;
  const cityName = `${c.name}, ${c.country}`;
  const message = h("div", { class: "review-message" });
  const buttons: HTMLButtonElement[] = [];
  const card = h("article", { class: "card review", "data-testid": "review", "data-city": c.id });

  // Asks, POSTs, and on success puts what was saved in the entry's place.
  const settle = async (question: string, body: object) => {
    if (!window.confirm(question)) return;
    const wasDisabled = buttons.map((b) => b.disabled);
    for (const b of buttons) b.disabled = true;
    message.replaceChildren(h("p", { class: "muted" }, t("geo.working")));
    try {
      const city = await post<CityDetail>(`/api/cities/${c.id}/geocode`, body);
      card.replaceWith(h("p", { class: "card saved", role: "status", "data-testid": "saved", "data-city": c.id }, savedNote(city)));
      onSettled();
    } catch (e) {
      buttons.forEach((b, i) => (b.disabled = wasDisabled[i]));
      message.replaceChildren(errorBox(e));
    }
  };

  const recordedText = hasPoint ? `${t("geo.recorded")} ${point(c.lat as number, c.lng as number)}` : t("geo.noPoint");
  const table = r.candidates.length
    ? h("div", { class: "table-wrap" },
        h("table", { class: "register candidates", "data-testid": "candidates" },
          h("caption", { class: "muted" }, t("geo.candidates")),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, "#"),
            h("th", { scope: "col" }, t("geo.place")),
            h("th", { scope: "col" }, t("geo.admin")),
            h("th", { scope: "col" }, t("geo.feature")),
            h("th", { scope: "col", class: "num" }, t("geo.population")),
            h("th", { scope: "col", class: "num", title: t("geo.distanceHint") }, t("geo.distance")),
            may ? h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("geo.use"))) : null)),
          h("tbody", {}, r.candidates.map((k, i) => {
            let use: HTMLButtonElement | null = null;
            if (may) {
              use = h("button", {
                type: "button",
                class: "small",
                "aria-label": `${t("geo.use")}: ${i + 1}. ${k.name}`,
                onclick: () => settle(
                  tf("geo.confirmTake", { city: cityName, place: k.name, id: k.geonames_id, point: point(k.lat, k.lng) }),
                  { geonames_id: k.geonames_id }),
              }, t("geo.use"));
              buttons.push(use);
            }
            return h("tr", { "data-geonames": k.geonames_id },
              h("td", { class: "rank" }, String(i + 1)),
              h("td", { class: "place" }, h("a", { href: `https://www.geonames.org/${k.geonames_id}`, rel: "noopener noreferrer", target: "_blank" }, k.name),
                h("div", { class: "muted small nowrap" }, point(k.lat, k.lng))),
              // data-label names the value where a phone shows no header row.
              h("td", { "data-label": t("geo.admin") }, k.admin_code || "—"),
              h("td", { "data-label": t("geo.feature") }, k.feature_code || "—"),
              h("td", { class: "num", "data-label": t("geo.population") }, k.population ? count(k.population) : "—"),
              h("td", { class: "num", "data-label": t("geo.distance") }, k.distance_km !== null ? `${count(Math.round(k.distance_km))} ${t("geo.km")}` : "—"),
              may ? h("td", { class: "action" }, use) : null);
          }))))
    : h("p", { class: "muted" }, t(may ? "geo.noCandidates" : "geo.noCandidatesRead"));

  let actions: HTMLElement | null = null;
  if (may) {
    const keep = h("button", {
      type: "button",
      disabled: !hasPoint,
      title: hasPoint ? undefined : t("geo.keepNoPoint"),
      onclick: () => settle(tf("geo.confirmKeep", { city: cityName, point: hasPoint ? point(c.lat as number, c.lng as number) : "" }), { keep: true }),
    }, t("geo.keep"));
    const lat = h("input", { type: "number", step: "any", min: -90, max: 90, name: "lat", class: "coord", value: hasPoint ? String(c.lat) : "" });
    const lng = h("input", { type: "number", step: "any", min: -180, max: 180, name: "lng", class: "coord", value: hasPoint ? String(c.lng) : "" });
    const save = h("button", { type: "submit" }, t("geo.save"));
    buttons.push(keep, save);
    const form = h("form", { class: "by-hand-form" }, field(t("geo.lat"), lat), field(t("geo.lng"), lng), save);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const y = Number(lat.value);
      const x = Number(lng.value);
      if (lat.value.trim() === "" || lng.value.trim() === "" || !(Math.abs(y) <= 90) || !(Math.abs(x) <= 180)) {
        message.replaceChildren(h("p", { class: "error", role: "alert" }, t("geo.badPoint")));
        return;
      }
      // One request: the point is set by hand and the entry settled together.
      void settle(tf("geo.confirmHand", { city: cityName, point: point(y, x) }), { lat: y, lng: x });
    });
    actions = h("div", { class: "review-actions" },
      keep,
      h("details", { class: "by-hand" }, h("summary", {}, t("geo.byHand")), form));
  }

  const recorded: MapPoint | null = hasPoint ? { lat: c.lat as number, lng: c.lng as number, label: `${cityName}: ${recordedText}` } : null;
  const places: MapPoint[] = r.candidates.map((k, i) => ({
    lat: k.lat,
    lng: k.lng,
    rank: i + 1,
    label: `${i + 1}. ${k.name} (${[k.admin_code, k.feature_code].filter(Boolean).join(", ")}) ${point(k.lat, k.lng)}`,
  }));
  append(card, [
    h("header", { class: "review-head" },
      h("h2", {}, cityLink(c)),
      h("span", { class: "muted small" }, recordedText)),
    h("p", { class: "reason" }, r.reason.charAt(0).toUpperCase() + r.reason.slice(1)),
    h("div", { class: "review-body" },
      h("div", { class: "review-main" }, table, actions, message),
      h("figure", { class: "review-map" },
        regionMap(c.country, recorded, places, `${t("geo.mapOf")} ${cityName}`),
        h("figcaption", { class: "muted small" },
          hasPoint ? [h("span", { class: "legend-recorded", "aria-hidden": "true" }), t("geo.legendRecorded"), " "] : null,
          places.length ? [h("span", { class: "legend-candidate", "aria-hidden": "true" }, "1"), t("geo.legendCandidate")] : null))),
  ]);
  return card;
}
