// A small static world map in SVG (world-atlas 110m, Natural Earth
// projection): countries filled by a caller's function of their ISO alpha-2
// code, optional labelled points. Used by the campaign dashboard (countries
// coloured by state) and the planner (the picks).

import { geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { Feature, FeatureCollection, Geometry } from "geojson";
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
    if (!xy) continue;
    const g = el("g", { class: "map-point", transform: `translate(${xy[0]},${xy[1]})` });
    g.append(el("circle", { r: 6 }));
    if (pt.rank !== undefined) {
      const txt = el("text", { "text-anchor": "middle", dy: 3.5 });
      txt.textContent = String(pt.rank);
      g.append(txt);
    }
    const t = el("title", {});
    t.textContent = pt.label;
    g.append(t);
    svg.append(g);
  }
  return svg;
}
