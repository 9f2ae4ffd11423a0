// A small static world map in SVG (world-atlas 110m, Natural Earth
// projection): countries filled by a caller's function of their ISO alpha-2
// code, optional labelled points. Used by the campaign dashboard (countries
// coloured by state) and the planner (the picks). And a smaller map of one
// country's region with a recorded point and numbered places (the review of
// geocoding).

import { geoArea, geoCentroid, geoCircle, geoContains, geoMercator, geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from "geojson";
import worldTopology from "world-atlas/countries-110m.json";
import isoNumeric from "./iso-numeric.json";

const SVG_NS = "http://www.w3.org/2000/svg";
const WIDTH = 960;
const HEIGHT = 500;

export interface MapPoint {
  lat: number;
  lng: number;
  label: string;
  rank?: number;
}

type Countries = FeatureCollection<Geometry, { name: string }>;
let countriesMemo: Countries | null = null;
// The country shapes, converted from TopoJSON on first use (not at start:
// the map page does not need them).
function countries(): Countries {
  const topo = worldTopology as unknown as Topology<{ countries: GeometryCollection }>;
  countriesMemo ??= feature(topo, topo.objects.countries) as unknown as Countries;
  return countriesMemo;
}
const numericToIso = isoNumeric as Record<string, string>;
const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
const path = geoPath(projection);

export function isoOf(f: Feature<Geometry, { name: string }>): string | null {
  if (f.properties.name === "Kosovo") return "XK";
  if (f.properties.name === "N. Cyprus") return "CY";
  return f.id !== undefined ? numericToIso[String(f.id).padStart(3, "0")] ?? null : null;
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function worldMap(
  fill: (iso2: string | null) => string,
  title: (iso2: string | null, name: string) => string,
  points: MapPoint[] = [],
  label = "World map",
): SVGSVGElement {
  const svg = el("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "world-map", role: "img", "aria-label": label });
  svg.append(el("path", { d: path({ type: "Sphere" }) ?? "", class: "sphere" }));
  for (const f of countries().features) {
    const iso = isoOf(f);
    const p = el("path", { d: path(f) ?? "", fill: fill(iso), class: "country", "data-iso": iso ?? "" });
    const t = el("title", {});
    t.textContent = title(iso, f.properties.name);
    p.append(t);
    svg.append(p);
  }
  for (const pt of points) {
    const xy = projection([pt.lng, pt.lat]);
    if (xy) svg.append(pointMarker(pt, `${xy[0]},${xy[1]}`, 6, 3.5));
  }
  return svg;
}

// A dot at `at` ("x,y"), numbered with the point's rank if it has one, its
// label as a tooltip.
function pointMarker(pt: MapPoint, at: string, radius: number, dy: number): SVGGElement {
  const g = el("g", { class: "map-point", transform: `translate(${at})` });
  g.append(el("circle", { r: radius }));
  if (pt.rank !== undefined) {
    const txt = el("text", { "text-anchor": "middle", dy });
    txt.textContent = String(pt.rank);
    g.append(txt);
  }
  const t = el("title", {});
  t.textContent = pt.label;
  g.append(t);
  return g;
}

const REGION_W = 320;
const REGION_H = 220;
const REGION_PAD = 14;

/** The polygons of a country's shape (none for other geometries). */
function polygonsOf(g: Geometry | null): Position[][][] {
  if (!g) return [];
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  return [];
}

/**
 * A map of the region of country `iso2` (Mercator, centred on it) with the
 * `recorded` point (a dark ring) and `places` (orange dots labelled by their
 * rank). The frame holds the country's largest polygon, any of its polygons
 * that holds one of the points, and every point: a far territory (French
 * Guiana for France) stays out unless a place lies there, and a recorded
 * point on another continent widens the frame to show how far off it is.
 */
export function regionMap(iso2: string, recorded: MapPoint | null, places: MapPoint[], label: string): SVGSVGElement {
  const points = [...(recorded ? [recorded] : []), ...places];
  const all = countries().features;
  const country = all.find((f) => isoOf(f) === iso2) ?? null;
  const polygons = polygonsOf(country?.geometry ?? null);
  const areas = polygons.map((p) => geoArea({ type: "Polygon", coordinates: p }));
  const largest = areas.indexOf(Math.max(...areas));
  const framed = polygons.filter((p, i) => {
    if (i === largest) return true;
    const poly: Polygon = { type: "Polygon", coordinates: p };
    return points.some((pt) => geoContains(poly, [pt.lng, pt.lat]));
  });
  // A circle around each point keeps a lone point (a country too small for
  // the 110m atlas) from being framed at an infinite zoom.
  const around = points.map((pt) => ({
    type: "Feature" as const,
    properties: {},
    geometry: geoCircle().center([pt.lng, pt.lat]).radius(0.4)(),
  }));
  const frame: FeatureCollection = {
    type: "FeatureCollection",
    features: [
      ...(framed.length ? [{ type: "Feature" as const, properties: {}, geometry: { type: "MultiPolygon" as const, coordinates: framed } }] : []),
      ...around,
    ],
  };
  const svg = el("svg", { viewBox: `0 0 ${REGION_W} ${REGION_H}`, class: "region-map", role: "img", "aria-label": label });
  svg.append(el("rect", { x: 0, y: 0, width: REGION_W, height: REGION_H, class: "sea" }));
  if (!frame.features.length) return svg;
  // Centred on the frame's longitude, so that a country across the
  // antimeridian (Russia, Fiji) is not cut in two.
  const [lng0] = geoCentroid(frame);
  const projection = geoMercator()
    .rotate([-lng0, 0])
    .fitExtent([[REGION_PAD, REGION_PAD], [REGION_W - REGION_PAD, REGION_H - REGION_PAD]], frame)
    .clipExtent([[0, 0], [REGION_W, REGION_H]]);
  const draw = geoPath(projection);
  for (const f of all) {
    const d = draw(f);
    if (!d) continue;
    svg.append(el("path", { d, class: f === country ? "country home" : "country" }));
  }
  places.forEach((pt) => {
    const xy = projection([pt.lng, pt.lat]);
    if (xy) svg.append(pointMarker(pt, `${xy[0].toFixed(1)},${xy[1].toFixed(1)}`, 7, 3.2));
  });
  if (recorded) {
    // Drawn last: the point under review stays visible over its candidates.
    const xy = projection([recorded.lng, recorded.lat]);
    if (xy) {
      const g = el("g", { class: "recorded-point", transform: `translate(${xy[0].toFixed(1)},${xy[1].toFixed(1)})` });
      g.append(el("circle", { r: 6 }), el("circle", { r: 1.8, class: "centre" }));
      const t = el("title", {});
      t.textContent = recorded.label;
      g.append(t);
      svg.append(g);
    }
  }
  return svg;
}
