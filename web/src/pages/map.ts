// The movement's map: every city as a dot and every twin link as a line, on
// an offline world map (world-atlas + d3-geo), drawn on one canvas. Cities
// are projected once into a fixed base space; the scene (land, links, dots)
// is rendered into a cache canvas per zoom level, so that a frame while the
// map is dragged is one blit plus the highlighted twins. Hover or click a
// city to highlight its twins; search any name; filter by country and year.
// window.__twinningMap reports the state to the browser tests and the
// benchmark (bench/map_bench.mjs).

import { geoNaturalEarth1, geoNaturalEarth1Raw, geoPath, type GeoRawProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { FeatureCollection } from "geojson";
import worldTopology from "world-atlas/countries-110m.json";
import { get, itemsOf } from "../api";
import { append, h } from "../dom";
import { navigate } from "../router";
import { lang, t } from "../i18n";
import { searchBox } from "../search";
import { coordinatesOrigin, count } from "../format";
import type { CityDetail } from "./city";

/** Columnar map data as served by GET /api/map. */
export interface MapData {
  cities: { id: number[]; name: string[]; country: string[]; lat: (number | null)[]; lng: (number | null)[] };
  links: { a: number[]; b: number[]; since: number[] };
}

interface Country {
  iso2: string;
  name: string;
  name_ru: string;
}

const BASE_W = 1000;
const BASE_H = 520;

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
  const counter = h("span", { class: "map-counter" });
  const zoomIn = h("button", { type: "button", "aria-label": t("map.zoomIn"), title: t("map.zoomIn") }, "+");
  const zoomOut = h("button", { type: "button", "aria-label": t("map.zoomOut"), title: t("map.zoomOut") }, "−");
  const reset = h("button", { type: "button", "aria-label": t("map.reset"), title: t("map.reset") }, "⟲");

  const search = searchBox((city) => {
    view.focusCity(city.id);
  });

  main.append(
    h("div", { class: "map-toolbar" },
      search,
      h("label", { class: "inline" }, t("map.country"), " ", countrySelect),
      h("label", { class: "inline" }, t("map.from"), " ", fromYear, " ", t("map.to"), " ", toYear),
      counter,
    ),
    h("div", { class: "map-wrap" }, canvas, tooltip,
      h("div", { class: "map-zoom" }, zoomIn, zoomOut, reset), status),
    panel,
    h("p", { class: "hint" }, t("map.hint")),
  );

  // Country names only label the filter and the panel: the map does not
  // wait for them.
  const countriesRequest = get<{ items: Country[] }>("/api/countries?limit=500")
    .then(itemsOf)
    .catch(() => [] as Country[]);
  const data = await loadMapData();
  performance.mark("twinning-map-data");
  const countryName = new Map<string, string>();
  const view = new MapView(canvas, tooltip, panel, data, countryName, counter);
  const applyFilter = () => {
    view.setFilter(countrySelect.value, Number(fromYear.value) || 0, Number(toYear.value) || 0);
  };
  countrySelect.addEventListener("change", applyFilter);
  fromYear.addEventListener("change", applyFilter);
  toYear.addEventListener("change", applyFilter);
  zoomIn.addEventListener("click", () => view.zoomAt(1.6));
  zoomOut.addEventListener("click", () => view.zoomAt(1 / 1.6));
  reset.addEventListener("click", () => view.resetView());
  status.remove();
  const wanted = Number(new URLSearchParams(location.search).get("city"));
  if (wanted) view.focusCity(wanted);
  const countries = await countriesRequest;
  for (const c of countries) countryName.set(c.iso2, lang() === "ru" && c.name_ru ? c.name_ru : c.name);
  const present = [...new Set(data.cities.country)].sort((a, b) =>
    (countryName.get(a) ?? a).localeCompare(countryName.get(b) ?? b, lang()),
  );
  for (const cc of present) countrySelect.append(h("option", { value: cc }, countryName.get(cc) ?? cc));
  view.refreshPanel();
}

const RADIANS = Math.PI / 180;
// d3-geo 3 exports the raw projection function itself (its typings say a
// factory returning one).
const naturalEarth1 = geoNaturalEarth1Raw as unknown as GeoRawProjection;

interface BaseGeometry {
  land: Path2D;
  sphere: Path2D;
  scale: number; // of the Natural Earth projection fitted to BASE_W x BASE_H
  x0: number; // its translation
  y0: number;
}

let baseMemo: BaseGeometry | null = null;

/** The world's outline and land in base coordinates, built once per page load. */
function baseGeometry(): BaseGeometry {
  if (baseMemo) return baseMemo;
  const projection = geoNaturalEarth1().fitSize([BASE_W, BASE_H], { type: "Sphere" });
  const topo = worldTopology as unknown as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topo, topo.objects.countries) as unknown as FeatureCollection;
  const land = new Path2D();
  geoPath(projection, land as unknown as CanvasRenderingContext2D)(countries);
  const sphere = new Path2D();
  geoPath(projection, sphere as unknown as CanvasRenderingContext2D)({ type: "Sphere" });
  const [x0, y0] = projection.translate();
  baseMemo = { land, sphere, scale: projection.scale(), x0, y0 };
  return baseMemo;
}

// The scene (land, every visible link, every city) is rendered into a cache
// canvas at the current zoom and blitted at an offset while the map is
// dragged, so a panning frame is one drawImage plus the highlight overlay,
// whatever the number of links. The cache covers the whole world when it is
// small enough at the current zoom, else the view with a margin of one view
// on each side; it is rendered again when the view leaves it or the zoom
// settles (during a wheel zoom the old cache is drawn scaled meanwhile).
const MAX_CACHE_PIXELS = 4096 * 4096;
const ZOOM_SETTLE_MS = 120;

interface SceneCache {
  canvas: HTMLCanvasElement;
  k: number;
  // where the cache's top-left corner sits in view coordinates when the
  // view transform is (k, tx, ty): x = left + (tx - tx0)
  left: number;
  top: number;
  tx0: number;
  ty0: number;
  width: number;
  height: number;
}

class MapView {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly xs: Float32Array;
  private readonly ys: Float32Array;
  private readonly hasPos: Uint8Array;
  private readonly indexOf = new Map<number, number>();
  private readonly adjacency: number[][];
  private readonly land: Path2D;
  private readonly sphere: Path2D;
  private readonly grid = new Map<number, number[]>();
  private linksPath = new Path2D();
  private visibleLinks = 0;
  private k = 1;
  private tx = 0;
  private ty = 0;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private selected: number | null = null;
  private hovered: number | null = null;
  private frameRequested = false;
  private frames = 0;
  private filterCountry = "";
  private cache: SceneCache | null = null;
  private settleTimer = 0;
  private readonly probe: MapProbe;
  // The cities' own records (population, where the point comes from), which
  // the columnar map data does not carry: fetched when a city is selected.
  private readonly details = new Map<number, Promise<CityDetail | null>>();

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly tooltip: HTMLElement,
    private readonly panel: HTMLElement,
    private readonly data: MapData,
    private readonly countryName: Map<string, string>,
    private readonly counter: HTMLElement,
  ) {
    this.ctx = canvas.getContext("2d", { alpha: false }) as CanvasRenderingContext2D;
    const { land, sphere, scale, x0, y0 } = baseGeometry();
    this.land = land;
    this.sphere = sphere;
    const n = data.cities.id.length;
    this.xs = new Float32Array(n);
    this.ys = new Float32Array(n);
    this.hasPos = new Uint8Array(n);
    this.adjacency = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) {
      this.indexOf.set(data.cities.id[i], i);
      const lat = data.cities.lat[i];
      const lng = data.cities.lng[i];
      if (lat === null || lng === null) continue;
      // The raw projection (what d3's projection does for a point, without
      // its stream machinery): 17,000 cities in a few milliseconds.
      const [rx, ry] = naturalEarth1(lng * RADIANS, lat * RADIANS);
      const x = x0 + scale * rx;
      const y = y0 - scale * ry;
      this.xs[i] = x;
      this.ys[i] = y;
      this.hasPos[i] = 1;
      const cell = this.cellOf(x, y);
      const bucket = this.grid.get(cell);
      if (bucket) bucket.push(i);
      else this.grid.set(cell, [i]);
    }
    for (let e = 0; e < data.links.a.length; e++) {
      this.adjacency[data.links.a[e]].push(e);
      this.adjacency[data.links.b[e]].push(e);
    }
    performance.mark("twinning-map-projected");
    this.probe = {
      ready: false,
      readyAt: 0,
      cities: n,
      links: data.links.a.length,
      drawnLinks: 0,
      selected: null,
      highlighted: [],
      frames: 0,
      screenOf: (cityId: number) => {
        const i = this.indexOf.get(cityId);
        if (i === undefined || !this.hasPos[i]) return null;
        const r = this.canvas.getBoundingClientRect();
        return { x: r.left + this.xs[i] * this.k + this.tx, y: r.top + this.ys[i] * this.k + this.ty };
      },
    };
    window.__twinningMap = this.probe;
    this.setFilter("", 0, 0);
    performance.mark("twinning-map-paths");
    this.attachEvents();
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement as HTMLElement);
    this.resize();
  }

  setFilter(country: string, from: number, to: number): void {
    this.filterCountry = country;
    const { a, b, since } = this.data.links;
    const cc = this.data.cities.country;
    const path = new Path2D();
    let visible = 0;
    for (let e = 0; e < a.length; e++) {
      const i = a[e];
      const j = b[e];
      if (!this.hasPos[i] || !this.hasPos[j]) continue;
      if (country && cc[i] !== country && cc[j] !== country) continue;
      if ((from || to) && !since[e]) continue;
      if (from && since[e] < from) continue;
      if (to && since[e] > to) continue;
      path.moveTo(this.xs[i], this.ys[i]);
      path.lineTo(this.xs[j], this.ys[j]);
      visible++;
    }
    this.linksPath = path;
    this.visibleLinks = visible;
    this.counter.textContent = `${visible.toLocaleString(lang())} ${t("map.links")} · ${this.data.cities.id.length.toLocaleString(lang())} ${t("map.cities")}`;
    this.cache = null;
    this.requestDraw();
  }

  resetView(): void {
    const k = Math.min(this.width / BASE_W, this.height / BASE_H);
    this.k = k;
    this.tx = (this.width - BASE_W * k) / 2;
    this.ty = (this.height - BASE_H * k) / 2;
    this.cache = null;
    this.requestDraw();
  }

  zoomAt(factor: number, cx = this.width / 2, cy = this.height / 2, settle = false): void {
    const minK = Math.min(this.width / BASE_W, this.height / BASE_H) * 0.8;
    const k = Math.max(minK, Math.min(this.k * factor, 400));
    this.tx = cx - ((cx - this.tx) * k) / this.k;
    this.ty = cy - ((cy - this.ty) * k) / this.k;
    this.k = k;
    if (settle) {
      // A wheel gesture: keep drawing the scaled cache until it stops.
      window.clearTimeout(this.settleTimer);
      this.settleTimer = window.setTimeout(() => {
        this.cache = null;
        this.requestDraw();
      }, ZOOM_SETTLE_MS);
    } else {
      this.cache = null;
    }
    this.requestDraw();
  }

  focusCity(cityId: number): void {
    const i = this.indexOf.get(cityId);
    if (i === undefined) return;
    if (this.hasPos[i]) {
      const k = Math.max(this.k, 4 * Math.min(this.width / BASE_W, this.height / BASE_H));
      this.k = k;
      this.tx = this.width / 2 - this.xs[i] * k;
      this.ty = this.height / 2 - this.ys[i] * k;
      this.cache = null;
    }
    this.select(i);
  }

  private cellOf(x: number, y: number): number {
    return Math.floor(y / 8) * 1000 + Math.floor(x / 8);
  }

  private nearest(px: number, py: number, radiusPx: number): number | null {
    const bx = (px - this.tx) / this.k;
    const by = (py - this.ty) / this.k;
    const r = radiusPx / this.k;
    let best: number | null = null;
    let bestD = r * r + 1e-9;
    for (let cy = Math.floor((by - r) / 8); cy <= Math.floor((by + r) / 8); cy++) {
      for (let cx = Math.floor((bx - r) / 8); cx <= Math.floor((bx + r) / 8); cx++) {
        for (const i of this.grid.get(cy * 1000 + cx) ?? []) {
          if (this.filterCountry && this.data.cities.country[i] !== this.filterCountry) continue;
          const d = (this.xs[i] - bx) ** 2 + (this.ys[i] - by) ** 2;
          // Cities drawn on the same spot (the data has a few with copied
          // coordinates): the one with the most twins is the likely target.
          const tie = best !== null && Math.abs(d - bestD) < 1e-9;
          if (tie ? this.adjacency[i].length > this.adjacency[best as number].length : d < bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  private twinsOf(i: number): number[] {
    const { a, b } = this.data.links;
    return this.adjacency[i].map((e) => (a[e] === i ? b[e] : a[e]));
  }

  private select(i: number | null): void {
    this.selected = i;
    this.probe.selected = i === null ? null : this.data.cities.id[i];
    this.probe.highlighted = i === null ? [] : this.twinsOf(i).map((j) => this.data.cities.id[j]);
    this.renderPanel();
    this.requestDraw();
  }

  /** Renders the side panel again (after the country names arrived). */
  refreshPanel(): void {
    this.renderPanel();
  }

  private renderPanel(): void {
    const i = this.selected;
    this.panel.replaceChildren();
    if (i === null) {
      this.panel.append(this.summary());
      return;
    }
    const c = this.data.cities;
    const id = c.id[i];
    const twins = this.twinsOf(i).sort((x, y) => c.name[x].localeCompare(c.name[y]));
    this.panel.append(
      h("h2", {}, c.name[i], h("span", { class: "muted" }, " · ", this.countryName.get(c.country[i]) ?? c.country[i])),
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
                this.focusCity(c.id[j]);
              },
            }, c.name[j]),
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
    const { cities, links } = this.data;
    const dated = links.since.filter((y) => y > 0);
    const earliest = dated.length ? Math.min(...dated) : null;
    const n = (x: number) => x.toLocaleString(lang());
    return h("div", { class: "map-summary" },
      h("h2", {}, t("map.movement")),
      h("dl", {},
        h("dt", {}, t("map.cities")), h("dd", {}, n(cities.id.length)),
        h("dt", {}, t("map.countries")), h("dd", {}, n(new Set(cities.country).size)),
        h("dt", {}, t("map.links")), h("dd", {}, n(links.a.length)),
        h("dt", {}, t("map.dated")), h("dd", {}, n(dated.length)),
        earliest ? [h("dt", {}, t("map.earliest")), h("dd", {}, String(earliest))] : null),
      h("p", {}, h("span", { class: "legend-dot", style: "background:#b5452f" }), t("map.legendCity")),
      h("p", {}, h("span", { class: "legend-line", style: "border-color:rgba(40,70,140,0.5)" }), t("map.legendLink")),
      h("p", {}, h("span", { class: "legend-line", style: "border-color:#e07b00" }), t("map.legendTwins")),
      h("p", { class: "muted" }, t("map.pick")));
  }

  private attachEvents(): void {
    let dragging = false;
    let moved = 0;
    let lastX = 0;
    let lastY = 0;
    const pos = (e: MouseEvent) => {
      const r = this.canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    this.canvas.addEventListener("pointerdown", (e) => {
      dragging = true;
      moved = 0;
      [lastX, lastY] = [e.clientX, e.clientY];
      this.canvas.setPointerCapture(e.pointerId);
    });
    this.canvas.addEventListener("pointermove", (e) => {
      if (dragging) {
        const dx = e.clientX - lastX;
        const dy = e.clientY - lastY;
        moved += Math.abs(dx) + Math.abs(dy);
        this.tx += dx;
        this.ty += dy;
        [lastX, lastY] = [e.clientX, e.clientY];
        this.tooltip.hidden = true;
        this.requestDraw();
        return;
      }
      const [x, y] = pos(e);
      const i = this.nearest(x, y, 7);
      if (i !== this.hovered) {
        this.hovered = i;
        this.requestDraw();
      }
      if (i === null) {
        this.tooltip.hidden = true;
        this.canvas.style.cursor = "grab";
        return;
      }
      this.canvas.style.cursor = "pointer";
      this.tooltip.hidden = false;
      this.tooltip.textContent = `${this.data.cities.name[i]}, ${this.data.cities.country[i]} · ${this.adjacency[i].length} ${t("map.twinsShort")}`;
      this.tooltip.style.left = `${Math.min(x + 12, this.width - 160)}px`;
      this.tooltip.style.top = `${y + 12}px`;
    });
    this.canvas.addEventListener("pointerup", (e) => {
      dragging = false;
      if (moved > 4) return;
      const [x, y] = pos(e);
      this.select(this.nearest(x, y, 7));
    });
    this.canvas.addEventListener("pointerleave", () => {
      this.tooltip.hidden = true;
      if (this.hovered !== null) {
        this.hovered = null;
        this.requestDraw();
      }
    });
    this.canvas.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const [x, y] = pos(e);
        this.zoomAt(Math.exp(-e.deltaY * 0.0015), x, y, true);
      },
      { passive: false },
    );
    this.canvas.addEventListener("keydown", (e) => {
      const step = 60;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => (this.tx += step),
        ArrowRight: () => (this.tx -= step),
        ArrowUp: () => (this.ty += step),
        ArrowDown: () => (this.ty -= step),
        "+": () => this.zoomAt(1.4),
        "=": () => this.zoomAt(1.4),
        "-": () => this.zoomAt(1 / 1.4),
        "0": () => this.resetView(),
        Escape: () => this.select(null),
      };
      const action = keys[e.key];
      if (!action) return;
      e.preventDefault();
      action();
      this.requestDraw();
    });
  }

  private resize(): void {
    const parent = this.canvas.parentElement as HTMLElement;
    const w = parent.clientWidth;
    const hgt = parent.clientHeight;
    if (w === this.width && hgt === this.height) return;
    const first = this.width === 0;
    this.dpr = window.devicePixelRatio || 1;
    this.width = w;
    this.height = hgt;
    this.canvas.width = Math.round(w * this.dpr);
    this.canvas.height = Math.round(hgt * this.dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${hgt}px`;
    this.cache = null;
    if (first) {
      this.resetView();
      this.renderPanel();
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

  /** Renders land, links and cities at the current zoom into a new cache. */
  private renderCache(): SceneCache {
    const { k, dpr } = this;
    const worldW = BASE_W * k;
    const worldH = BASE_H * k;
    let left: number, top: number, width: number, height: number;
    if (worldW * worldH * dpr * dpr <= MAX_CACHE_PIXELS) {
      // The whole world fits: any pan at this zoom is a blit.
      left = this.tx;
      top = this.ty;
      width = worldW;
      height = worldH;
    } else {
      left = -this.width;
      top = -this.height;
      width = 3 * this.width;
      height = 3 * this.height;
    }
    const canvas = this.cache?.canvas ?? document.createElement("canvas");
    canvas.width = Math.max(1, Math.ceil(width * dpr));
    canvas.height = Math.max(1, Math.ceil(height * dpr));
    const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * (this.tx - left), dpr * (this.ty - top));
    ctx.fillStyle = "#c9dbe6";
    ctx.fill(this.sphere);
    ctx.fillStyle = "#f7f5ef";
    ctx.fill(this.land);
    ctx.strokeStyle = "#c8c2b4";
    ctx.lineWidth = 0.5 / k;
    ctx.stroke(this.land);
    ctx.strokeStyle = "rgba(40, 70, 140, 0.16)";
    ctx.lineWidth = 0.6 / k;
    ctx.stroke(this.linksPath);
    const s = this.dotSize();
    ctx.fillStyle = "#b5452f";
    const cc = this.data.cities.country;
    for (let i = 0; i < this.xs.length; i++) {
      if (!this.hasPos[i]) continue;
      if (this.filterCountry && cc[i] !== this.filterCountry) continue;
      ctx.fillRect(this.xs[i] - s / 2, this.ys[i] - s / 2, s, s);
    }
    return { canvas, k, left, top, tx0: this.tx, ty0: this.ty, width, height };
  }

  private dotSize(): number {
    return Math.max(1.2, Math.min(3, this.k * 0.8)) / this.k;
  }

  /** True if the cache, drawn at the current view, leaves part of the view uncovered that it should cover. */
  private cacheMisses(c: SceneCache): boolean {
    const scale = this.k / c.k;
    const x = c.left * scale + (this.tx - c.tx0 * scale);
    const y = c.top * scale + (this.ty - c.ty0 * scale);
    const w = c.width * scale;
    const hh = c.height * scale;
    const worldX = this.tx;
    const worldY = this.ty;
    const worldW = BASE_W * this.k;
    const worldH = BASE_H * this.k;
    // The part of the view the world occupies must lie within the cache.
    const needL = Math.max(0, worldX);
    const needT = Math.max(0, worldY);
    const needR = Math.min(this.width, worldX + worldW);
    const needB = Math.min(this.height, worldY + worldH);
    if (needR <= needL || needB <= needT) return false;
    return needL < x - 0.5 || needT < y - 0.5 || needR > x + w + 0.5 || needB > y + hh + 0.5;
  }

  private draw(): void {
    const { ctx, dpr } = this;
    if (this.width === 0) return;
    if (!this.cache || (this.cache.k === this.k && this.cacheMisses(this.cache))) {
      this.cache = this.renderCache();
    }
    const c = this.cache;
    const scale = this.k / c.k;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#dfe8ee";
    ctx.fillRect(0, 0, this.width, this.height);
    const x = c.left * scale + (this.tx - c.tx0 * scale);
    const y = c.top * scale + (this.ty - c.ty0 * scale);
    if (scale === 1) {
      // A pan: a straight copy at whole device pixels, no resampling.
      ctx.imageSmoothingEnabled = false;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(c.canvas, Math.round(x * dpr), Math.round(y * dpr));
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    } else {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(c.canvas, x, y, c.width * scale, c.height * scale);
    }
    ctx.setTransform(dpr * this.k, 0, 0, dpr * this.k, dpr * this.tx, dpr * this.ty);
    if (this.selected !== null) {
      // Veil the scene so that the selection stands out.
      ctx.fillStyle = "rgba(244, 245, 248, 0.72)";
      ctx.fill(this.sphere);
      this.drawTwins(this.selected, "#e07b00", 1.6);
    }
    if (this.hovered !== null && this.hovered !== this.selected) {
      this.drawTwins(this.hovered, "rgba(29, 79, 145, 0.85)", 1.2);
    }
    this.frames++;
    this.probe.frames = this.frames;
    this.probe.drawnLinks = this.visibleLinks;
    if (!this.probe.ready) {
      this.probe.ready = true;
      this.probe.readyAt = performance.now();
      performance.mark("twinning-map-ready");
    }
  }

  private drawTwins(i: number, color: string, width: number): void {
    const { ctx, k } = this;
    if (!this.hasPos[i]) return;
    const s = this.dotSize();
    const path = new Path2D();
    for (const j of this.twinsOf(i)) {
      if (!this.hasPos[j]) continue;
      path.moveTo(this.xs[i], this.ys[i]);
      path.lineTo(this.xs[j], this.ys[j]);
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = width / k;
    ctx.stroke(path);
    ctx.fillStyle = color;
    for (const j of this.twinsOf(i)) {
      if (this.hasPos[j]) ctx.fillRect(this.xs[j] - s, this.ys[j] - s, 2 * s, 2 * s);
    }
    ctx.beginPath();
    ctx.arc(this.xs[i], this.ys[i], 4 / k, 0, Math.PI * 2);
    ctx.fillStyle = "#1d2b53";
    ctx.fill();
  }
}

export function openCityOnMap(cityId: number): void {
  navigate(`/?city=${cityId}`);
}
