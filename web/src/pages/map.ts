// The movement's map: every city as a dot and every twin link as a line, on
// an offline world map (world-atlas + d3-geo), drawn on one canvas. Geometry
// is projected once into a fixed base space; panning and zooming only change
// the canvas transform, so a frame is a few Path2D strokes.

import { geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { FeatureCollection } from "geojson";
import worldTopology from "world-atlas/countries-110m.json";
import { get } from "../api";
import { h } from "../dom";
import { navigate } from "../router";
import { t } from "../i18n";
import { searchBox } from "../search";

/** Columnar map data as served by GET /api/map. */
export interface MapData {
  cities: { id: number[]; name: string[]; country: string[]; lat: (number | null)[]; lng: (number | null)[] };
  links: { a: number[]; b: number[]; since: number[] };
}

interface Country {
  iso2: string;
  name: string;
}

const BASE_W = 1000;
const BASE_H = 520;

/** What the browser tests and the benchmark read to know the map's state. */
export interface MapProbe {
  ready: boolean;
  cities: number;
  links: number;
  drawnLinks: number;
  selected: number | null;
  highlighted: number;
  frames: number;
  screenOf(cityId: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __twinningMap?: MapProbe;
  }
}

let cachedData: Promise<MapData> | null = null;

export function loadMapData(): Promise<MapData> {
  cachedData ??= get<MapData>("/api/map");
  return cachedData;
}

export async function renderMap(main: HTMLElement): Promise<void> {
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

  const [data, countries] = await Promise.all([
    loadMapData(),
    get<Country[]>("/api/countries").catch(() => [] as Country[]),
  ]);
  const countryName = new Map(countries.map((c) => [c.iso2, c.name]));
  const present = [...new Set(data.cities.country)].sort((a, b) =>
    (countryName.get(a) ?? a).localeCompare(countryName.get(b) ?? b),
  );
  for (const cc of present) countrySelect.append(h("option", { value: cc }, countryName.get(cc) ?? cc));

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
  private visibleLinks: number[] = [];
  private k = 1;
  private tx = 0;
  private ty = 0;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private selected: number | null = null;
  private frameRequested = false;
  private frames = 0;
  private filterCountry = "";

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly tooltip: HTMLElement,
    private readonly panel: HTMLElement,
    private readonly data: MapData,
    private readonly countryName: Map<string, string>,
    private readonly counter: HTMLElement,
  ) {
    this.ctx = canvas.getContext("2d", { alpha: false }) as CanvasRenderingContext2D;
    const projection = geoNaturalEarth1().fitSize([BASE_W, BASE_H], { type: "Sphere" });
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
      const p = projection([lng, lat]);
      if (!p) continue;
      this.xs[i] = p[0];
      this.ys[i] = p[1];
      this.hasPos[i] = 1;
      const cell = this.cellOf(p[0], p[1]);
      const bucket = this.grid.get(cell);
      if (bucket) bucket.push(i);
      else this.grid.set(cell, [i]);
    }
    for (let e = 0; e < data.links.a.length; e++) {
      this.adjacency[data.links.a[e]].push(e);
      this.adjacency[data.links.b[e]].push(e);
    }
    const topo = worldTopology as unknown as Topology<{ countries: GeometryCollection }>;
    const countries = feature(topo, topo.objects.countries) as unknown as FeatureCollection;
    this.land = new Path2D();
    geoPath(projection, this.land as unknown as CanvasRenderingContext2D)(countries);
    this.sphere = new Path2D();
    geoPath(projection, this.sphere as unknown as CanvasRenderingContext2D)({ type: "Sphere" });
    this.setFilter("", 0, 0);
    this.attachEvents();
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement as HTMLElement);
    this.resize();
    this.resetView();
    window.__twinningMap = {
      ready: true,
      cities: n,
      links: data.links.a.length,
      drawnLinks: this.visibleLinks.length,
      selected: null,
      highlighted: 0,
      frames: 0,
      screenOf: (cityId: number) => {
        const i = this.indexOf.get(cityId);
        if (i === undefined || !this.hasPos[i]) return null;
        const r = this.canvas.getBoundingClientRect();
        return { x: r.left + this.xs[i] * this.k + this.tx, y: r.top + this.ys[i] * this.k + this.ty };
      },
    };
  }

  setFilter(country: string, from: number, to: number): void {
    this.filterCountry = country;
    const { a, b, since } = this.data.links;
    const cc = this.data.cities.country;
    const path = new Path2D();
    const visible: number[] = [];
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
      visible.push(e);
    }
    this.linksPath = path;
    this.visibleLinks = visible;
    this.counter.textContent = `${visible.length.toLocaleString()} ${t("map.links")} · ${this.data.cities.id.length.toLocaleString()} ${t("map.cities")}`;
    if (window.__twinningMap) window.__twinningMap.drawnLinks = visible.length;
    this.requestDraw();
  }

  resetView(): void {
    const k = Math.min(this.width / BASE_W, this.height / BASE_H);
    this.k = k;
    this.tx = (this.width - BASE_W * k) / 2;
    this.ty = (this.height - BASE_H * k) / 2;
    this.requestDraw();
  }

  zoomAt(factor: number, cx = this.width / 2, cy = this.height / 2): void {
    const minK = Math.min(this.width / BASE_W, this.height / BASE_H) * 0.8;
    const k = Math.max(minK, Math.min(this.k * factor, 400));
    this.tx = cx - ((cx - this.tx) * k) / this.k;
    this.ty = cy - ((cy - this.ty) * k) / this.k;
    this.k = k;
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
    let bestD = r * r;
    for (let cy = Math.floor((by - r) / 8); cy <= Math.floor((by + r) / 8); cy++) {
      for (let cx = Math.floor((bx - r) / 8); cx <= Math.floor((bx + r) / 8); cx++) {
        for (const i of this.grid.get(cy * 1000 + cx) ?? []) {
          const d = (this.xs[i] - bx) ** 2 + (this.ys[i] - by) ** 2;
          if (d <= bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  private select(i: number | null): void {
    this.selected = i;
    const probe = window.__twinningMap;
    if (probe) {
      probe.selected = i === null ? null : this.data.cities.id[i];
      probe.highlighted = i === null ? 0 : this.adjacency[i].length;
    }
    this.renderPanel();
    this.requestDraw();
  }

  private renderPanel(): void {
    const i = this.selected;
    this.panel.replaceChildren();
    if (i === null) return;
    const c = this.data.cities;
    const id = c.id[i];
    const twins = this.adjacency[i]
      .map((e) => (this.data.links.a[e] === i ? this.data.links.b[e] : this.data.links.a[e]))
      .sort((x, y) => c.name[x].localeCompare(c.name[y]));
    this.panel.append(
      h("h2", {}, c.name[i], h("span", { class: "muted" }, " · ", this.countryName.get(c.country[i]) ?? c.country[i])),
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
        this.requestDraw();
        return;
      }
      const [x, y] = pos(e);
      const i = this.nearest(x, y, 7);
      if (i === null) {
        this.tooltip.hidden = true;
        this.canvas.style.cursor = "grab";
        return;
      }
      this.canvas.style.cursor = "pointer";
      this.tooltip.hidden = false;
      this.tooltip.textContent = `${this.data.cities.name[i]}, ${this.data.cities.country[i]} · ${this.adjacency[i].length}`;
      this.tooltip.style.left = `${x + 12}px`;
      this.tooltip.style.top = `${y + 12}px`;
    });
    this.canvas.addEventListener("pointerup", (e) => {
      dragging = false;
      if (moved > 4) return;
      const [x, y] = pos(e);
      this.select(this.nearest(x, y, 7));
    });
    this.canvas.addEventListener("pointerleave", () => (this.tooltip.hidden = true));
    this.canvas.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const [x, y] = pos(e);
        this.zoomAt(Math.exp(-e.deltaY * 0.0015), x, y);
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
    if (first) this.resetView();
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
    const { ctx, k, dpr } = this;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#dfe8ee";
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * this.tx, dpr * this.ty);
    ctx.fillStyle = "#c9dbe6";
    ctx.fill(this.sphere);
    ctx.fillStyle = "#f7f5ef";
    ctx.fill(this.land);
    ctx.strokeStyle = "#c8c2b4";
    ctx.lineWidth = 0.5 / k;
    ctx.stroke(this.land);
    const dim = this.selected !== null;
    ctx.strokeStyle = dim ? "rgba(60, 80, 120, 0.06)" : "rgba(40, 70, 140, 0.16)";
    ctx.lineWidth = 0.6 / k;
    ctx.stroke(this.linksPath);
    const s = Math.max(1.2, Math.min(3, k * 0.8)) / k;
    ctx.fillStyle = dim ? "rgba(150, 60, 40, 0.35)" : "#b5452f";
    const cc = this.data.cities.country;
    for (let i = 0; i < this.xs.length; i++) {
      if (!this.hasPos[i]) continue;
      if (this.filterCountry && cc[i] !== this.filterCountry) continue;
      ctx.fillRect(this.xs[i] - s / 2, this.ys[i] - s / 2, s, s);
    }
    if (this.selected !== null) this.drawSelection(s);
    this.frames++;
    if (window.__twinningMap) window.__twinningMap.frames = this.frames;
  }

  private drawSelection(s: number): void {
    const { ctx, k } = this;
    const i = this.selected as number;
    if (!this.hasPos[i]) return;
    const path = new Path2D();
    for (const e of this.adjacency[i]) {
      const j = this.data.links.a[e] === i ? this.data.links.b[e] : this.data.links.a[e];
      if (!this.hasPos[j]) continue;
      path.moveTo(this.xs[i], this.ys[i]);
      path.lineTo(this.xs[j], this.ys[j]);
    }
    ctx.strokeStyle = "#e07b00";
    ctx.lineWidth = 1.6 / k;
    ctx.stroke(path);
    ctx.fillStyle = "#e07b00";
    for (const e of this.adjacency[i]) {
      const j = this.data.links.a[e] === i ? this.data.links.b[e] : this.data.links.a[e];
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
