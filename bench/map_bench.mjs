// The map page in headless Chromium (scripts/bench map): time from
// navigation to the map being interactive with every link drawn, and frames
// per second while the map is dragged, each beside a reference measured in
// the same browser on the same server:
//   load  the map page (fresh browser context, nothing cached) until
//         window.__twinningMap.ready, against fetching and parsing
//         GET /api/map alone (the floor any page drawing that data pays);
//   pan   frames the map draws per second while mouse drags move it, at the
//         whole-world zoom and zoomed in about 15x, against the frames per
//         second the same page reaches while drags move over its side panel
//         and each animation frame merely refills the map's canvas with a
//         flat colour (the browser's own cost of showing a changed canvas).
// Usage: node bench/map_bench.mjs BASE_URL [RUNS]. Goals: load < 1.5 s, 60 fps.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(join(root, "web", "package.json"))("playwright-core");
const base = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const browser = await chromium.launch({ executablePath: process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const viewport = { width: 1280, height: 800 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs) => Math.min(...xs);

async function freshPage() {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

// 1. Navigation to interactive, cold.
const load = [];
let probe;
for (let i = 0; i < runs; i++) {
  const page = await freshPage();
  // The renderer's CPU time over the load: what the wall time would be on
  // an idle machine, roughly (other processes' load inflates the wall time).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const cpu = async () =>
    (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ProcessTime").value;
  const cpu0 = await cpu();
  await page.goto(base + "/", { waitUntil: "commit" });
  await page.waitForFunction(() => window.__twinningMap?.ready === true, null, { timeout: 30000 });
  const cpuMs = (await cpu() - cpu0) * 1000;
  const m = await page.evaluate(() => {
    const api = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/api/map"));
    const p = window.__twinningMap;
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const script = performance.getEntriesByType("resource").find((e) => /\/assets\/index-.*\.js$/.test(e.name));
    return { ready: p.readyAt, apiStart: api ? api.requestStart : NaN, apiEnd: api ? api.responseEnd : NaN,
      apiBytes: api ? api.encodedBodySize : 0, scriptEnd: script ? script.responseEnd : NaN,
      data: mark("twinning-map-data"), projected: mark("twinning-map-projected"), paths: mark("twinning-map-paths"),
      links: p.links, drawn: p.drawnLinks, cities: p.cities };
  });
  m.cpu = cpuMs;
  load.push(m);
  probe = m;
  await page.context().close();
}
// Reference: fetch + JSON.parse of the same data in the same browser.
const fetchParse = [];
for (let i = 0; i < runs; i++) {
  const page = await freshPage();
  await page.goto(base + "/api/health");
  fetchParse.push(await page.evaluate(async () => {
    const t0 = performance.now();
    const data = await (await fetch("/api/map", { cache: "no-store" })).json();
    return data.links.a.length ? performance.now() - t0 : NaN;
  }));
  await page.context().close();
}

// 2. Frames per second while dragging. Mouse events go to the browser
// through the DevTools protocol every 4 ms without waiting for each to be
// handled (a real mouse does not wait for the page either), 4 px apart, so
// the page always has a move pending; it counts requestAnimationFrame
// callbacks and the frames the map drew over the drag.
async function drag(page, from, durationMs, { repaintCanvas = false } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate((repaint) => {
    window.__bench = { raf: 0, on: true };
    const canvas = document.querySelector("canvas.map-canvas");
    const ctx = canvas.getContext("2d");
    const tick = () => {
      if (!window.__bench.on) return;
      window.__bench.raf++;
      if (repaint) {
        // The floor of showing a changed canvas of the map's size each frame.
        ctx.fillStyle = window.__bench.raf % 2 ? "#dfe8ee" : "#dfe8ef";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, repaintCanvas);
  const [frames0, t0] = await page.evaluate(() => [window.__twinningMap.frames, performance.now()]);
  const mouse = (type, x, y, buttons) =>
    cdp.send("Input.dispatchMouseEvent", { type, x, y, button: "left", buttons, clickCount: type === "mouseMoved" ? 0 : 1 });
  await mouse("mouseMoved", from.x, from.y, 0);
  await mouse("mousePressed", from.x, from.y, 1);
  let x = from.x;
  let dir = 1;
  const pending = [];
  const start = Date.now();
  while (Date.now() - start < durationMs) {
    x += 4 * dir;
    if (Math.abs(x - from.x) > 200) dir = -dir;
    pending.push(mouse("mouseMoved", x, from.y + (x - from.x) / 4, 1));
    await new Promise((r) => setTimeout(r, 4));
  }
  await Promise.all(pending);
  await mouse("mouseReleased", x, from.y + (x - from.x) / 4, 0);
  const result = await page.evaluate(([f0, t0]) => {
    window.__bench.on = false;
    const seconds = (performance.now() - t0) / 1000;
    return { mapFps: (window.__twinningMap.frames - f0) / seconds, rafFps: window.__bench.raf / seconds };
  }, [frames0, t0]);
  await cdp.detach();
  return result;
}

const page = await freshPage();
await page.goto(base + "/");
await page.waitForFunction(() => window.__twinningMap?.ready === true);
const box = await page.locator("canvas.map-canvas").boundingBox();
const centre = { x: box.x + box.width / 2 - 100, y: box.y + box.height / 2 };
const panel = await page.locator(".map-panel").boundingBox();
const beside = { x: panel.x + 20, y: panel.y + 40 };
const seconds = Number(process.env.BENCH_PAN_SECONDS ?? 4);
const panWorld = await drag(page, centre, seconds * 1000);
const reference = await drag(page, { x: beside.x + 10, y: beside.y }, seconds * 1000, { repaintCanvas: true });
await page.locator("canvas.map-canvas").focus();
await page.keyboard.press("0"); // the map draws itself again
await page.locator("canvas.map-canvas").focus();
for (let i = 0; i < 8; i++) await page.keyboard.press("+"); // 1.4^8: about 15x
await page.waitForTimeout(300);
const zoomed = await drag(page, centre, seconds * 1000);
await browser.close();

const ms = (x) => `${x.toFixed(0)} ms`;
const readyMs = load.map((m) => m.ready);
console.log(`map page: ${probe.cities} cities, ${probe.links} links, ${probe.drawn} drawn; ` +
  `GET /api/map ${(probe.apiBytes / 1024).toFixed(0)} KiB; viewport ${viewport.width}x${viewport.height}; ${runs} cold loads`);
console.log(`                                                median     best`);
console.log(`navigation -> interactive, every link drawn     ${ms(median(readyMs)).padStart(8)} ${ms(best(readyMs)).padStart(8)}`);
const phase = (label, key) => console.log(`  ${label.padEnd(45)} ${ms(median(load.map((m) => m[key]))).padStart(8)}`);
phase("renderer CPU time over the load", "cpu");
phase("navigation -> script bundle received", "scriptEnd");
phase("navigation -> /api/map requested", "apiStart");
phase("navigation -> /api/map received", "apiEnd");
phase("navigation -> map data parsed", "data");
phase("navigation -> land drawn, cities projected", "projected");
phase("navigation -> link paths built", "paths");
console.log(`reference: fetch + parse /api/map alone         ${ms(median(fetchParse)).padStart(8)} ${ms(best(fetchParse)).padStart(8)}`);
console.log(`ratio map page / reference (median)             ${(median(readyMs) / median(fetchParse)).toFixed(1).padStart(7)}x`);
console.log(`goal navigation -> interactive < 1500 ms: ${median(readyMs) < 1500 ? "met" : "NOT met"} (median)`);
console.log(`panning (${seconds} s of mouse drags each)      frames/s  map redraws/s`);
const row = (label, r) => console.log(`  ${label.padEnd(44)} ${r.rafFps.toFixed(1).padStart(7)} ${r.mapFps.toFixed(1).padStart(13)}`);
row("whole world", panWorld);
row("zoomed in 15x", zoomed);
console.log(`  ${"reference: canvas refilled each frame".padEnd(44)} ${reference.rafFps.toFixed(1).padStart(7)}`);
console.log(`  frames/s: requestAnimationFrame callbacks while the drags move the map (Chrome holds them`);
console.log(`  back when painting falls behind); map redraws/s: frames in which the map moved, bounded by`);
console.log(`  how often the driven mouse events arrive.`);
console.log(`ratio frames/s map / reference: whole world ${(panWorld.rafFps / reference.rafFps).toFixed(2)}, zoomed ${(zoomed.rafFps / reference.rafFps).toFixed(2)}`);
const worst = Math.min(panWorld.rafFps, zoomed.rafFps);
console.log(`goal 60 fps while panning: ${worst >= 57 ? "met" : "NOT met"} (worst ${worst.toFixed(1)} frames/s; 57 allows for timer jitter)`);
