// The map's side panel: the movement in numbers with the legend while no
// city is selected (how many links have a known year included), else the
// selected city with its facts and its twins.

import { get } from "../api";
import { append, h } from "../dom";
import { lang, t } from "../i18n";
import { cityName } from "../citynames";
import { coordinatesOrigin, count } from "../format";
import type { CityDetail } from "../pages/city";
import type { MapGeometry } from "./geometry";

export class MapPanel {
  // The cities' own records (population, where the point comes from), which
  // the columnar map data does not carry: fetched when a city is selected.
  private readonly details = new Map<number, Promise<CityDetail | null>>();

  constructor(
    private readonly panel: HTMLElement,
    private readonly geo: MapGeometry,
    private readonly countryName: Map<string, string>,
    private readonly onPickTwin: (cityId: number) => void,
  ) {}

  /** Shows city column `i` (or the summary for null). */
  show(i: number | null): void {
    this.panel.replaceChildren(i === null ? this.summary() : this.city(i));
  }

  private city(i: number): HTMLElement {
    const c = this.geo.data.cities;
    const id = c.id[i];
    const name = (j: number) => cityName({ id: c.id[j], name: c.name[j] });
    const twins = this.geo.twinsOf(i).sort((x, y) => name(x).localeCompare(name(y), lang()));
    return h("div", {},
      h("h2", {}, name(i), h("span", { class: "muted" }, " · ", this.countryName.get(c.country[i]) ?? c.country[i])),
      this.cityFacts(id),
      h("a", { href: `/city/${id}`, "data-link": true, class: "button" }, t("map.openCity")),
      h("h3", {}, `${t("map.twins")} (${twins.length})`),
      h("ul", { class: "twin-list", "data-testid": "twin-list" },
        twins.map((j) =>
          h("li", {},
            h("a", {
              href: `/?city=${c.id[j]}`,
              onclick: (ev: Event) => {
                ev.preventDefault();
                this.onPickTwin(c.id[j]);
              },
            }, name(j)),
            h("span", { class: "muted" }, " ", c.country[j]),
          ),
        ),
      ),
    );
  }

  /** The city's population and the origin of its point, filled in when its record arrives. */
  private cityFacts(id: number): HTMLElement {
    const box = h("div", { class: "panel-facts small", "data-testid": "city-facts" });
    let detail = this.details.get(id);
    if (!detail) {
      detail = get<CityDetail>(`/api/cities/${id}`).catch(() => null);
      this.details.set(id, detail);
    }
    void detail.then((city) => {
      if (!city) return;
      append(box, [
        city.population !== null ? h("p", {}, `${t("city.population")} ${count(city.population)}`) : null,
        city.lat !== null ? h("p", { class: "muted" }, `${t("coords.label")}: `, ...coordinatesOrigin(city)) : null,
      ]);
    });
    return box;
  }

  /** The movement in numbers and the legend, while no city is selected. */
  private summary(): HTMLElement {
    const { cities, links } = this.geo.data;
    const dated = links.since.filter((y) => y > 0);
    const earliest = dated.length ? Math.min(...dated) : null;
    return h("div", { class: "map-summary" },
      h("h2", {}, t("map.movement")),
      h("dl", {},
        h("dt", {}, t("map.cities")), h("dd", {}, count(cities.id.length)),
        h("dt", {}, t("map.countries")), h("dd", {}, count(new Set(cities.country).size)),
        h("dt", {}, t("map.links")), h("dd", {}, count(links.a.length)),
        h("dt", {}, t("map.dated")), h("dd", { "data-testid": "dated-links" }, count(dated.length)),
        earliest ? [h("dt", {}, t("map.earliest")), h("dd", {}, String(earliest))] : null),
      h("ul", { class: "legend map-legend" },
        h("li", {}, h("span", { class: "swatch", style: "background:#b5452f", "aria-hidden": "true" }), t("map.legendCity")),
        h("li", {}, h("span", { class: "swatch line", style: "border-top-color:rgba(40,70,140,0.5)", "aria-hidden": "true" }), t("map.legendLink")),
        h("li", {}, h("span", { class: "swatch line", style: "border-top-color:#e07b00", "aria-hidden": "true" }), t("map.legendTwins"))),
      h("p", { class: "muted" }, t("map.pick")));
  }
}
