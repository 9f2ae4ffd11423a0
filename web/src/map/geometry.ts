// The map's fixed base space: the world (land and outline) and every city
// projected once with Natural Earth into BASE_W x BASE_H, the twin links as
// an adjacency list, and a grid of the cities for hit-testing. Built once
// per map data; the view (zoom, pan) only scales and shifts it.

import { geoNaturalEarth1, geoNaturalEarth1Raw, geoPath, type GeoRawProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { FeatureCollection } from "geojson";
import worldTopology from "world-atlas/countries-110m.json";
import type { JsonOf, operations } from "../schemas";

/** Columnar map data as served by GET /api/map. */
export type MapData = JsonOf<operations["getMap"]["responses"][200]>;

export const BASE_W = 1000;
export const BASE_H = 520;

const RADIANS = Math.PI / 180;
// d3-geo 3 exports the raw projection function itself (its typings say a
// factory returning one).
const naturalEarth1 = geoNaturalEarth1Raw as unknown as GeoRawProjection;

interface World {
  land: Path2D;
  sphere: Path2D;
  scale: number; // of the Natural Earth projection fitted to BASE_W x BASE_H
  x0: number; // its translation
  y0: number;
}

let worldMemo: World | null = null;

/** The world's outline and land in base coordinates, built once per page load. */
function world(): World {
  if (worldMemo) return worldMemo;
  const projection = geoNaturalEarth1().fitSize([BASE_W, BASE_H], { type: "Sphere" });
  const topo = worldTopology as unknown as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topo, topo.objects.countries) as unknown as FeatureCollection;
  const land = new Path2D();
  geoPath(projection, land as unknown as CanvasRenderingContext2D)(countries);
  const sphere = new Path2D();
  geoPath(projection, sphere as unknown as CanvasRenderingContext2D)({ type: "Sphere" });
  const [x0, y0] = projection.translate();
  worldMemo = { land, sphere, scale: projection.scale(), x0, y0 };
  return worldMemo;
}

const CELL = 8; // base units per grid cell

/** The cities and links of the map data in base space; read-only once built. */
export class MapGeometry {
  readonly land: Path2D;
  readonly sphere: Path2D;
  readonly xs: Float32Array;
  readonly ys: Float32Array;
  readonly hasPos: Uint8Array;
  readonly indexOf = new Map<number, number>(); // city id -> column
  readonly adjacency: number[][]; // column -> link indexes
  private readonly grid = new Map<number, number[]>();

  constructor(readonly data: MapData) {
    const { land, sphere, scale, x0, y0 } = world();
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
      const cell = this.cellOf(Math.floor(x / CELL), Math.floor(y / CELL));
      const bucket = this.grid.get(cell);
      if (bucket) bucket.push(i);
      else this.grid.set(cell, [i]);
    }
    for (let e = 0; e < data.links.a.length; e++) {
      this.adjacency[data.links.a[e]].push(e);
      this.adjacency[data.links.b[e]].push(e);
    }
  }

  get cityCount(): number {
    return this.xs.length;
  }

  /** The columns of city `i`'s twins. */
  twinsOf(i: number): number[] {
    const { a, b } = this.data.links;
    return this.adjacency[i].map((e) => (a[e] === i ? b[e] : a[e]));
  }

  /**
   * The city nearest to base point (bx, by) within base radius r, among
   * those `include` accepts; of cities on the same spot, the one with the
   * most twins (the likely target). Null if none.
   */
  nearest(bx: number, by: number, r: number, include: (i: number) => boolean): number | null {
    let best: number | null = null;
    let bestD = r * r + 1e-9;
    for (let cy = Math.floor((by - r) / CELL); cy <= Math.floor((by + r) / CELL); cy++) {
      for (let cx = Math.floor((bx - r) / CELL); cx <= Math.floor((bx + r) / CELL); cx++) {
        for (const i of this.grid.get(this.cellOf(cx, cy)) ?? []) {
          if (!include(i)) continue;
          const d = (this.xs[i] - bx) ** 2 + (this.ys[i] - by) ** 2;
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

  private cellOf(cx: number, cy: number): number {
    return cy * 1000 + cx;
  }
}
