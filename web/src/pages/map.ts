// The movement's map: every city as a dot and every twin link as a line, on
// an offline world map (world-atlas + d3-geo), drawn on one canvas. Hover
// or click a city to highlight its twins; search any name; filter by
// country and year. The parts live in src/map/: geometry.ts (the base
// space, the links, hit-testing), renderer.ts (the drawing cache),
// input.ts (pointer and keys), panel.ts (the side panel), filter.ts (which
// links show). This file builds the page and MapView, which holds the view
// (zoom, pan, selection) and ties them together.
// window.__twinningMap reports the state to the browser tests and the
// benchmark (bench/map_bench.mjs).

import { get } from "../api";
import { h } from "../dom";
import { navigate } from "../router";
import { lang, t, tf } from "../i18n";
import { searchBox } from "../search";
import { count } from "../format";
import { cityName } from "../citynames";
import { countryNames } from "../countries";
import { BASE_H, BASE_W, MapGeometry, type MapData } from "../map/geometry";
import { filtersByYear, NO_FILTER, type LinkFilter } from "../map/filter";
import { MapRenderer, type ViewTransform } from "../map/renderer";
import { MapPanel } from "../map/panel";
import { attachMapInput } from "../map/input";

export type { MapData } from "../map/geometry";

/**
 * What the browser tests and the benchmark read to know the map's state.
 * `ready` turns true when the first frame with every drawable link is on
 * the canvas and the map answers pointer and keyboard input.
 */
export interface MapProbe {
  ready: boolean;
  readyAt: number; // performance.now() at that moment
  cities: number;
  links: number;
  drawnLinks: number; // links in the last frame drawn
  selected: number | null; // city id
  highlighted: number[]; // ids of the selected city's twins, highlighted
  frames: number; // frames drawn so far
  screenOf(cityId: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __twinningMap?: MapProbe;
    __twinningMapRequest?: Promise<Response>;
  }
}

/** GET /api/map; revalidated by ETag on every call, so a repeat is a 304. */
export function loadMapData(): Promise<MapData> {
  // index.html starts the request before this bundle has loaded.
  const early = window.__twinningMapRequest;
  window.__twinningMapRequest = undefined;
  if (early) {
    return early
      .then((r) => (r.ok ? (r.json() as Promise<MapData>) : Promise.reject(new Error(r.statusText))))
      .catch(() => get<MapData>("/api/map"));
  }
  return get<MapData>("/api/map");
}

export async function renderMap(main: HTMLElement): Promise<void> {
  window.__twinningMap = undefined;
  main.className = "map-page";
  const status = h("p", { class: "map-status", role: "status" }, t("map.loading"));
  const canvas = h("canvas", {
    class: "map-canvas",
    tabindex: 0,
    role: "img",
    "aria-label": t("nav.map"),
  });
  const tooltip = h("div", { class: "map-tooltip", hidden: true });
  const panel = h("aside", { class: "map-panel", "aria-live": "polite" });
  const countrySelect = h("select", { id: "map-country", "aria-label": t("map.country") },
    h("option", { value: "" }, t("map.allCountries")));
  const fromYear = h("input", { id: "map-from", type: "number", min: 1900, max: 2100, placeholder: "1944", "aria-label": t("map.from"), class: "year" });
  const toYear = h("input", { id: "map-to", type: "number", min: 1900, max: 2100, placeholder: "2026", "aria-label": t("map.to"), class: "year" });
  const datedOnly = h("input", { id: "map-dated", type: "checkbox" });
  const counter = h("span", { class: "map-counter", role: "status" });
  const datedNote = h("p", { class: "map-dated-note muted", "data-testid": "map-dated-note", hidden: true });
  const zoomIn = h("button", { type: "button", "aria-label": t("map.zoomIn"), title: t("map.zoomIn") }, "+");
  const zoomOut = h("button", { type: "button", "aria-label": t("map.zoomOut"), title: t("map.zoomOut") }, "−");
  const reset = h("button", { type: "button", "aria-label": t("map.reset"), title: t("map.reset") }, "⟲");

  const search = searchBox((city) => {
    view.focusCity(city.id);
  });

  main.append(
    h("h1", { class: "visually-hidden" }, t("map.title")),
    h("div", { class: "map-toolbar" },
      search,
      h("label", { class: "inline" }, t("map.country"), " ", countrySelect),
      h("label", { class: "inline" }, t("map.from"), " ", fromYear, " ", t("map.to"), " ", toYear),
      h("label", { class: "check" }, datedOnly, t("map.datedOnly")),
      counter,
      datedNote,
    ),
    h("div", { class: "map-wrap" }, canvas, tooltip,
      h("div", { class: "map-zoom" }, zoomIn, zoomOut, reset), status),
    panel,
    h("p", { class: "hint" }, t("map.hint")),
  );

  // Country names only label the filter and the panel: the map does not
  // wait for them.
  const countriesRequest = countryNames();
  const data = await loadMapData();
  performance.mark("twinning-map-data");
  const countryName = new Map<string, string>();
  const view = new MapView(canvas, tooltip, panel, data, countryName);
  const dated = data.links.since.filter((y) => y > 0).length;
  const applyFilter = () => {
    const f: LinkFilter = {
      country: countrySelect.value,
      from: Number(fromYear.value) || 0,
      to: Number(toYear.value) || 0,
      datedOnly: datedOnly.checked,
    };
    const visible = view.setFilter(f);
    counter.textContent = `${count(visible)} ${t("map.links")} · ${count(data.cities.id.length)} ${t("map.cities")}`;
    // A year filter says how few links have a year, and what happens to the others.
    datedNote.hidden = !filtersByYear(f);
    datedNote.textContent = `${tf("map.datedOf", { dated: count(dated), total: count(data.links.a.length) })}. ${f.datedOnly ? "" : t("map.undatedKept")}`.trim();
  };
  applyFilter();
  countrySelect.addEventListener("change", applyFilter);
  fromYear.addEventListener("change", applyFilter);
  toYear.addEventListener("change", applyFilter);
  datedOnly.addEventListener("change", applyFilter);
  zoomIn.addEventListener("click", () => view.zoomAt(1.6));
  zoomOut.addEventListener("click", () => view.zoomAt(1 / 1.6));
  reset.addEventListener("click", () => view.resetView());
  status.remove();
  const wanted = Number(new URLSearchParams(location.search).get("city"));
  if (wanted) view.focusCity(wanted);
  for (const [iso, name] of await countriesRequest) countryName.set(iso, name);
  const present = [...new Set(data.cities.country)].sort((a, b) =>
    (countryName.get(a) ?? a).localeCompare(countryName.get(b) ?? b, lang()),
  );
  for (const cc of present) countrySelect.append(h("option", { value: cc }, countryName.get(cc) ?? cc));
  view.refreshPanel();
}

const ZOOM_SETTLE_MS = 120;

/** The map's view (zoom, pan, selection, hover) over its geometry, renderer, input and panel. */
class MapView {
  private readonly geo: MapGeometry;
  private readonly renderer: MapRenderer;
  private readonly panel: MapPanel;
  private readonly probe: MapProbe;
  private v: ViewTransform = { k: 1, tx: 0, ty: 0, width: 0, height: 0, dpr: 1 };
  private selected: number | null = null;
  private hovered: number | null = null;
  private frameRequested = false;
  private settleTimer = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    tooltip: HTMLElement,
    panel: HTMLElement,
    private readonly data: MapData,
    countryName: Map<string, string>,
  ) {
    this.geo = new MapGeometry(data);
    performance.mark("twinning-map-projected");
    this.renderer = new MapRenderer(canvas, this.geo);
    this.panel = new MapPanel(panel, this.geo, countryName, (id) => this.focusCity(id));
    const geo = this.geo;
    this.probe = {
      ready: false,
      readyAt: 0,
      cities: geo.cityCount,
      links: data.links.a.length,
      drawnLinks: 0,
      selected: null,
      highlighted: [],
      frames: 0,
      screenOf: (cityId: number) => {
        const i = geo.indexOf.get(cityId);
        if (i === undefined || !geo.hasPos[i]) return null;
        const r = canvas.getBoundingClientRect();
        return { x: r.left + geo.xs[i] * this.v.k + this.v.tx, y: r.top + geo.ys[i] * this.v.k + this.v.ty };
      },
    };
    window.__twinningMap = this.probe;
    this.renderer.setFilter(NO_FILTER);
    performance.mark("twinning-map-paths");
    const c = data.cities;
    attachMapInput(canvas, tooltip, {
      panBy: (dx, dy) => {
        this.v.tx += dx;
        this.v.ty += dy;
        this.requestDraw();
      },
      zoomAt: (f, cx, cy, settle) => this.zoomAt(f, cx, cy, settle),
      resetView: () => this.resetView(),
      cityAt: (x, y) => this.geo.nearest((x - this.v.tx) / this.v.k, (y - this.v.ty) / this.v.k, 7 / this.v.k,
        (i) => this.renderer.cityShown(i)),
      hover: (i) => {
        if (i === this.hovered) return;
        this.hovered = i;
        this.requestDraw();
      },
      select: (i) => this.select(i),
    }, (i) => `${cityName({ id: c.id[i], name: c.name[i] })}, ${c.country[i]} · ${geo.adjacency[i].length} ${t("map.twinsShort")}`);
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement as HTMLElement);
    this.resize();
  }

  /** Shows the links `f` passes; returns how many. */
  setFilter(f: LinkFilter): number {
    const visible = this.renderer.setFilter(f);
    this.requestDraw();
    return visible;
  }

  resetView(): void {
    const k = Math.min(this.v.width / BASE_W, this.v.height / BASE_H);
    this.v.k = k;
    this.v.tx = (this.v.width - BASE_W * k) / 2;
    this.v.ty = (this.v.height - BASE_H * k) / 2;
    this.renderer.invalidate();
    this.requestDraw();
  }

  zoomAt(factor: number, cx = this.v.width / 2, cy = this.v.height / 2, settle = false): void {
    const v = this.v;
    const minK = Math.min(v.width / BASE_W, v.height / BASE_H) * 0.8;
    const k = Math.max(minK, Math.min(v.k * factor, 400));
    v.tx = cx - ((cx - v.tx) * k) / v.k;
    v.ty = cy - ((cy - v.ty) * k) / v.k;
    v.k = k;
    if (settle) {
      // A wheel gesture: keep drawing the scaled cache until it stops.
      window.clearTimeout(this.settleTimer);
      this.settleTimer = window.setTimeout(() => {
        this.renderer.invalidate();
        this.requestDraw();
      }, ZOOM_SETTLE_MS);
    } else {
      this.renderer.invalidate();
    }
    this.requestDraw();
  }

  focusCity(cityId: number): void {
    const i = this.geo.indexOf.get(cityId);
    if (i === undefined) return;
    if (this.geo.hasPos[i]) {
      const v = this.v;
      const k = Math.max(v.k, 4 * Math.min(v.width / BASE_W, v.height / BASE_H));
      v.k = k;
      v.tx = v.width / 2 - this.geo.xs[i] * k;
      v.ty = v.height / 2 - this.geo.ys[i] * k;
      this.renderer.invalidate();
    }
    this.select(i);
  }

  /** Renders the side panel again (after the country names arrived). */
  refreshPanel(): void {
    this.panel.show(this.selected);
  }

  private select(i: number | null): void {
    this.selected = i;
    this.probe.selected = i === null ? null : this.data.cities.id[i];
    this.probe.highlighted = i === null ? [] : this.geo.twinsOf(i).map((j) => this.data.cities.id[j]);
    this.panel.show(i);
    this.requestDraw();
  }

  private resize(): void {
    const parent = this.canvas.parentElement as HTMLElement;
    const w = parent.clientWidth;
    const hgt = parent.clientHeight;
    if (w === this.v.width && hgt === this.v.height) return;
    const first = this.v.width === 0;
    this.v.dpr = window.devicePixelRatio || 1;
    this.v.width = w;
    this.v.height = hgt;
    this.canvas.width = Math.round(w * this.v.dpr);
    this.canvas.height = Math.round(hgt * this.v.dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${hgt}px`;
    this.renderer.invalidate();
    if (first) {
      this.resetView();
      this.panel.show(this.selected);
    }
    this.draw();
  }

  private requestDraw(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.draw();
    });
  }

  private draw(): void {
    if (this.v.width === 0) return;
    this.renderer.draw(this.v, { selected: this.selected, hovered: this.hovered });
    this.probe.frames++;
    this.probe.drawnLinks = this.renderer.visibleLinks;
    if (!this.probe.ready) {
      this.probe.ready = true;
      this.probe.readyAt = performance.now();
      performance.mark("twinning-map-ready");
    }
  }
}

export function openCityOnMap(cityId: number): void {
  navigate(`/?city=${cityId}`);
}
