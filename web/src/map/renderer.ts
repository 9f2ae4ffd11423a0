// Drawing the map on its canvas. The scene (land, every visible link,
// every city) is rendered into a cache canvas at the current zoom and
// blitted at an offset while the map is dragged, so a panning frame is one
// drawImage plus the highlight overlay, whatever the number of links. The
// cache covers the whole world when it is small enough at the current
// zoom, else the view with a margin of one view on each side; it is
// rendered again when the view leaves it or the zoom settles (during a
// wheel zoom the old cache is drawn scaled meanwhile).

import { BASE_H, BASE_W, type MapGeometry } from "./geometry";
import { linkPasses, type LinkFilter } from "./filter";

const MAX_CACHE_PIXELS = 4096 * 4096;

/** Where the base space sits in the canvas: x_view = x_base * k + tx. */
export interface ViewTransform {
  k: number;
  tx: number;
  ty: number;
  width: number; // the canvas in CSS pixels
  height: number;
  dpr: number;
}

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

/** The overlays of one frame: the selected city's twins, the hovered city's. */
export interface Highlight {
  selected: number | null;
  hovered: number | null;
}

export class MapRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private linksPath = new Path2D();
  private cache: SceneCache | null = null;
  private filter: LinkFilter | null = null;
  /** Links drawn with the current filter. */
  visibleLinks = 0;

  constructor(canvas: HTMLCanvasElement, private readonly geo: MapGeometry) {
    this.ctx = canvas.getContext("2d", { alpha: false }) as CanvasRenderingContext2D;
  }

  /** Builds the path of the links the filter passes; returns how many. */
  setFilter(f: LinkFilter): number {
    this.filter = f;
    const { xs, ys, hasPos } = this.geo;
    const { a, b, since } = this.geo.data.links;
    const cc = this.geo.data.cities.country;
    const path = new Path2D();
    let visible = 0;
    for (let e = 0; e < a.length; e++) {
      const i = a[e];
      const j = b[e];
      if (!hasPos[i] || !hasPos[j]) continue;
      if (!linkPasses(f, cc[i], cc[j], since[e])) continue;
      path.moveTo(xs[i], ys[i]);
      path.lineTo(xs[j], ys[j]);
      visible++;
    }
    this.linksPath = path;
    this.visibleLinks = visible;
    this.invalidate();
    return visible;
  }

  /** Drops the cache: the next frame renders the scene again. */
  invalidate(): void {
    this.cache = null;
  }

  /** True if city column `i` is drawn with the current filter. */
  cityShown(i: number): boolean {
    const country = this.filter?.country;
    return !country || this.geo.data.cities.country[i] === country;
  }

  /** Draws one frame at view `v` with highlight `hl`. */
  draw(v: ViewTransform, hl: Highlight): void {
    const { ctx } = this;
    const { dpr } = v;
    if (!this.cache || (this.cache.k === v.k && this.cacheMisses(this.cache, v))) {
      this.cache = this.renderCache(v);
    }
    const c = this.cache;
    const scale = v.k / c.k;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#dfe8ee";
    ctx.fillRect(0, 0, v.width, v.height);
    const x = c.left * scale + (v.tx - c.tx0 * scale);
    const y = c.top * scale + (v.ty - c.ty0 * scale);
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
    ctx.setTransform(dpr * v.k, 0, 0, dpr * v.k, dpr * v.tx, dpr * v.ty);
    if (hl.selected !== null) {
      // Veil the scene so that the selection stands out.
      ctx.fillStyle = "rgba(244, 245, 248, 0.72)";
      ctx.fill(this.geo.sphere);
      this.drawTwins(hl.selected, v.k, "#e07b00", 1.6);
    }
    if (hl.hovered !== null && hl.hovered !== hl.selected) {
      this.drawTwins(hl.hovered, v.k, "rgba(29, 79, 145, 0.85)", 1.2);
    }
  }

  /** Renders land, links and cities at the view's zoom into a new cache. */
  private renderCache(v: ViewTransform): SceneCache {
    const { k, dpr } = v;
    const worldW = BASE_W * k;
    const worldH = BASE_H * k;
    let left: number, top: number, width: number, height: number;
    if (worldW * worldH * dpr * dpr <= MAX_CACHE_PIXELS) {
      // The whole world fits: any pan at this zoom is a blit.
      left = v.tx;
      top = v.ty;
      width = worldW;
      height = worldH;
    } else {
      left = -v.width;
      top = -v.height;
      width = 3 * v.width;
      height = 3 * v.height;
    }
    const canvas = this.cache?.canvas ?? document.createElement("canvas");
    canvas.width = Math.max(1, Math.ceil(width * dpr));
    canvas.height = Math.max(1, Math.ceil(height * dpr));
    const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * (v.tx - left), dpr * (v.ty - top));
    ctx.fillStyle = "#c9dbe6";
    ctx.fill(this.geo.sphere);
    ctx.fillStyle = "#f7f5ef";
    ctx.fill(this.geo.land);
    ctx.strokeStyle = "#c8c2b4";
    ctx.lineWidth = 0.5 / k;
    ctx.stroke(this.geo.land);
    ctx.strokeStyle = "rgba(40, 70, 140, 0.16)";
    ctx.lineWidth = 0.6 / k;
    ctx.stroke(this.linksPath);
    const s = dotSize(k);
    ctx.fillStyle = "#b5452f";
    const { xs, ys, hasPos } = this.geo;
    for (let i = 0; i < xs.length; i++) {
      if (!hasPos[i] || !this.cityShown(i)) continue;
      ctx.fillRect(xs[i] - s / 2, ys[i] - s / 2, s, s);
    }
    return { canvas, k, left, top, tx0: v.tx, ty0: v.ty, width, height };
  }

  /** True if the cache, drawn at view `v`, leaves part of the view uncovered that it should cover. */
  private cacheMisses(c: SceneCache, v: ViewTransform): boolean {
    const scale = v.k / c.k;
    const x = c.left * scale + (v.tx - c.tx0 * scale);
    const y = c.top * scale + (v.ty - c.ty0 * scale);
    const w = c.width * scale;
    const hh = c.height * scale;
    // The part of the view the world occupies must lie within the cache.
    const needL = Math.max(0, v.tx);
    const needT = Math.max(0, v.ty);
    const needR = Math.min(v.width, v.tx + BASE_W * v.k);
    const needB = Math.min(v.height, v.ty + BASE_H * v.k);
    if (needR <= needL || needB <= needT) return false;
    return needL < x - 0.5 || needT < y - 0.5 || needR > x + w + 0.5 || needB > y + hh + 0.5;
  }

  private drawTwins(i: number, k: number, color: string, width: number): void {
    const { ctx } = this;
    const { xs, ys, hasPos } = this.geo;
    if (!hasPos[i]) return;
    const s = dotSize(k);
    const twins = this.geo.twinsOf(i);
    const path = new Path2D();
    for (const j of twins) {
      if (!hasPos[j]) continue;
      path.moveTo(xs[i], ys[i]);
      path.lineTo(xs[j], ys[j]);
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = width / k;
    ctx.stroke(path);
    ctx.fillStyle = color;
    for (const j of twins) {
      if (hasPos[j]) ctx.fillRect(xs[j] - s, ys[j] - s, 2 * s, 2 * s);
    }
    ctx.beginPath();
    ctx.arc(xs[i], ys[i], 4 / k, 0, Math.PI * 2);
    ctx.fillStyle = "#1d2b53";
    ctx.fill();
  }
}

/** A city's dot in base units at zoom k: 1.2 to 3 screen pixels. */
function dotSize(k: number): number {
  return Math.max(1.2, Math.min(3, k * 0.8)) / k;
}
