// The map page in a real browser: every link of GET /api/map drawn, a click
// on Volgograd highlighting exactly its twins, the search box finding a
// city by its former name, and the country filter.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, startWorld } from "./support/harness.mjs";

let world;
let map; // GET /api/map as the server answers it
before(async () => {
  world = await startWorld();
  const r = await world.api("/api/map");
  assert.equal(r.status, 200, r.text);
  map = r.json;
});
after(async () => world?.stop());

const hasPosition = (i) => map.cities.lat[i] !== null && map.cities.lng[i] !== null;

// Ids of the twins of city `id` on the map, sorted.
function twinsOnMap(id) {
  const i = map.cities.id.indexOf(id);
  assert.ok(i >= 0, `city ${id} is on the map`);
  const out = [];
  map.links.a.forEach((a, e) => {
    if (a === i) out.push(map.cities.id[map.links.b[e]]);
    if (map.links.b[e] === i) out.push(map.cities.id[a]);
  });
  return out.sort((x, y) => x - y);
}

async function openMap(page) {
  await page.goto(world.baseUrl + "/");
  await page.waitForFunction(() => window.__twinningMap?.ready === true);
  return page.evaluate(() => ({ ...window.__twinningMap }));
}

test("the map draws every link the API serves", async () => {
  const page = await world.newPage();
  const probe = await openMap(page);
  const links = map.links.a.length;
  const drawable = map.links.a.filter((a, e) => hasPosition(a) && hasPosition(map.links.b[e])).length;
  assert.ok(links > 20000, `the world list has its ~25,000 links (API: ${links})`);
  assert.equal(probe.links, links);
  assert.equal(probe.cities, map.cities.id.length);
  assert.equal(drawable, links, "every city at a link's end has coordinates");
  assert.equal(probe.drawnLinks, links);
  const counter = await page.locator(".map-counter").textContent();
  assert.match(counter.replace(/[\s,.\u00a0\u202f]/g, ""), new RegExp(`^${links}links`));
  await world.screenshot(page, "map");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("a click on Volgograd highlights its twins", async () => {
  const volgograd = cityId(world, "Volgograd, RU");
  const expected = twinsOnMap(volgograd);
  // The registry's own view of Volgograd's current twins agrees with the map.
  const twins = await world.api(`/api/cities/${volgograd}/twins?limit=500`);
  const current = twins.json.items.filter((t) => t.link.status !== "ended").map((t) => t.city_id);
  assert.deepEqual(current.sort((x, y) => x - y), expected);
  assert.ok(expected.length >= 10, `Volgograd has its twins (${expected.length})`);

  const page = await world.newPage();
  await openMap(page);
  const at = await page.evaluate((id) => window.__twinningMap.screenOf(id), volgograd);
  assert.ok(at, "Volgograd has a place on the map");
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction((id) => window.__twinningMap.selected === id, volgograd);
  const highlighted = await page.evaluate(() => window.__twinningMap.highlighted);
  assert.deepEqual([...highlighted].sort((x, y) => x - y), expected);
  await page.locator(".map-panel h2", { hasText: "Volgograd" }).waitFor();
  assert.equal(await page.getByTestId("twin-list").locator("li").count(), expected.length);
  await page.getByTestId("twin-list").getByText("Coventry", { exact: true }).waitFor();
  await world.screenshot(page, "map-volgograd");

  // Escape clears the selection.
  await page.locator("canvas.map-canvas").focus();
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => window.__twinningMap.selected === null);
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("the search box finds Volgograd by its former name", async () => {
  const volgograd = cityId(world, "Volgograd, RU");
  const page = await world.newPage();
  await openMap(page);
  const search = page.getByRole("combobox", { name: /Search cities/ });
  await search.fill("Stalingrad");
  await page.getByRole("option", { name: /Volgograd/ }).first().waitFor();
  await search.press("Enter");
  await page.waitForFunction((id) => window.__twinningMap.selected === id, volgograd);
  assert.deepEqual(
    (await page.evaluate(() => window.__twinningMap.highlighted)).sort((x, y) => x - y),
    twinsOnMap(volgograd),
  );
  await world.screenshot(page, "map-search");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("the country filter keeps the links of one country", async () => {
  const page = await world.newPage();
  await openMap(page);
  await page.getByLabel("Country", { exact: true }).selectOption("DE");
  const german = map.links.a.filter(
    (a, e) => map.cities.country[a] === "DE" || map.cities.country[map.links.b[e]] === "DE",
  ).length;
  await page.waitForFunction((n) => window.__twinningMap.drawnLinks === n, german);
  assert.ok(german > 500 && german < map.links.a.length, `German links: ${german}`);
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("a year filter keeps the undated links unless dated links only are asked for, and says how many have a year", async () => {
  const page = await world.newPage();
  await openMap(page);
  const total = map.links.a.length;
  const dated = map.links.since.filter((y) => y > 0);
  assert.ok(dated.length < total / 100, `few links have a year (${dated.length} of ${total})`);
  const inRange = dated.filter((y) => y >= 1950).length;
  await page.getByLabel("Linked from year").fill("1950");
  await page.getByLabel("Linked from year").press("Enter");
  await page.getByLabel("Linked from year").dispatchEvent("change");
  // Undated links stay: the map does not empty.
  await page.waitForFunction((n) => window.__twinningMap.drawnLinks === n, total - dated.length + inRange);
  const note = await page.getByTestId("map-dated-note").textContent();
  assert.match(note.replace(/[\s,.\u00a0\u202f]/g, ""), new RegExp(`${dated.length}of${total}linkshaveaknownyear`));
  assert.match(note, /without a known year stay on the map/);
  await page.getByLabel("dated links only").check();
  await page.waitForFunction((n) => window.__twinningMap.drawnLinks === n, inRange);
  assert.equal(await page.getByTestId("dated-links").textContent(), String(dated.length));
  await world.screenshot(page, "map-year-filter");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});
