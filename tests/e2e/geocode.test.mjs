// The registry on the map, in a real browser: a coordinator settles places
// on the geocoding review page (takes a gazetteer candidate for one city,
// keeps the recorded point of another, sets a third by hand, and sees the
// server's message when an entry was settled elsewhere); the API then has
// the hand-set coordinates and the entries are gone. Anonymous visitors and
// viewers see the list without any action or link to it. Christchurch, GB,
// placed from the gazetteer by the harness's `geocode`, shows its population
// and its GeoNames place on its page and in the map's panel.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, startWorld } from "./support/harness.mjs";

let world;
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
  world.addUser("victor", "viewer", "staple battery horse");
});
after(async () => world?.stop());

const n = (x) => x.toLocaleString("en");
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 10 s) until `condition()` holds. */
async function until(condition, what) {
  for (let i = 0; i < 200 && !condition(); i++) await settle(50);
  assert.ok(condition(), what);
}
const at = (lat, lng) => `${lat.toFixed(4)}, ${lng.toFixed(4)}`;

/** Every entry of the review list, all pages. */
async function allReviews() {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const r = await world.api(`/api/geocode/reviews?limit=500&offset=${offset}`);
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    if (items.length >= r.json.total || r.json.items.length === 0) return { items, total: r.json.total };
  }
}

const entryOf = (page, id) => page.locator(`[data-testid="review"][data-city="${id}"]`);
const savedOf = (page, id) => page.locator(`[data-testid="saved"][data-city="${id}"]`);
const actionButtons = (page) =>
  page.getByRole("button", { name: /Use this place|Keep the recorded point|Save this point/ });

test("a coordinator takes a candidate, keeps a point and sets one by hand; the entries leave the list", async () => {
  const before = await allReviews();
  assert.ok(before.total > 100, `the world list leaves places to review (${before.total})`);
  const firstPage = before.items.slice(0, 10);
  const take = firstPage.find((r) => r.candidates.length >= 2 && r.city.lat !== null);
  const keep = firstPage.find((r) => r.candidates.length === 0 && r.city.lat !== null);
  const [late, byHand] = firstPage.filter((r) => r !== take && r !== keep && r.city.lat !== null);
  assert.ok(take && keep && late && byHand, "the first page has entries with and without candidates");
  // Not the first candidate: the button of the row is the one that counts.
  const chosen = take.candidates[take.candidates.length - 1];

  const page = await world.newPage();
  const dialogs = [];
  let answer = "accept";
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void (answer === "accept" ? d.accept() : d.dismiss());
  });
  await world.signIn(page, "irina", "correct horse battery");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Places to review" }).click();
  await page.getByRole("heading", { level: 1, name: "Places to review" }).waitFor();
  await page.getByTestId("review").first().waitFor();
  assert.equal(await page.getByTestId("review").count(), 10);
  assert.equal(await page.getByTestId("review-total").textContent(), `${n(before.total)} to review · showing 1–10`);

  // The entry shows its candidates in the table and on its map, with the
  // recorded point.
  const entry = entryOf(page, take.city.id);
  assert.equal(await entry.locator("h2").textContent(), `${take.city.name}, ${take.city.country}`);
  assert.equal(await entry.getByTestId("candidates").locator("tbody tr").count(), take.candidates.length);
  assert.equal(await entry.locator("svg.region-map .map-point").count(), take.candidates.length);
  assert.equal(await entry.locator("svg.region-map .recorded-point").count(), 1);
  const row = entry.locator(`tr[data-geonames="${chosen.geonames_id}"]`);
  assert.match(await row.textContent(), new RegExp(`^${take.candidates.length}${escape(chosen.name)}`));
  if (chosen.distance_km !== null) assert.match(await row.textContent(), new RegExp(`${n(Math.round(chosen.distance_km))} km`));
  await world.screenshot(page, "geocode-review");

  // A dismissed confirmation changes nothing.
  answer = "dismiss";
  await row.getByRole("button", { name: /Use this place/ }).click();
  await until(() => dialogs.length === 1, "one confirmation asked");
  assert.match(dialogs[0], new RegExp(`GeoNames ${chosen.geonames_id}`));
  assert.equal((await world.api(`/api/cities/${take.city.id}`)).json.lat, take.city.lat);
  await entry.waitFor();

  // Take the candidate.
  answer = "accept";
  await row.getByRole("button", { name: /Use this place/ }).click();
  await savedOf(page, take.city.id).waitFor();
  assert.equal(await entryOf(page, take.city.id).count(), 0);
  assert.equal(await savedOf(page, take.city.id).textContent(),
    `${take.city.name}, ${take.city.country} now at ${at(chosen.lat, chosen.lng)} (set by hand, GeoNames ${chosen.geonames_id})`);
  let city = (await world.api(`/api/cities/${take.city.id}`)).json;
  assert.equal(city.coordinates_source, "manual");
  assert.equal(city.geonames_id, chosen.geonames_id);
  assert.ok(Math.abs(city.lat - chosen.lat) < 1e-6 && Math.abs(city.lng - chosen.lng) < 1e-6,
    `${take.city.name} is at the candidate's point (${city.lat}, ${city.lng})`);

  // Keep the recorded point of an entry without candidates.
  await entryOf(page, keep.city.id).getByRole("button", { name: "Keep the recorded point" }).click();
  await savedOf(page, keep.city.id).waitFor();
  assert.equal(await savedOf(page, keep.city.id).textContent(),
    `${keep.city.name}, ${keep.city.country} now at ${at(keep.city.lat, keep.city.lng)} (set by hand)`);
  city = (await world.api(`/api/cities/${keep.city.id}`)).json;
  assert.equal(city.coordinates_source, "manual");
  assert.equal(city.lat, keep.city.lat);
  assert.equal(city.lng, keep.city.lng);

  // Set a point by hand.
  const handEntry = entryOf(page, byHand.city.id);
  await handEntry.getByText("Set the point by hand", { exact: true }).click();
  await handEntry.getByLabel("Latitude").fill("12.5");
  await handEntry.getByLabel("Longitude").fill("-7.25");
  await handEntry.getByRole("button", { name: "Save this point" }).click();
  await savedOf(page, byHand.city.id).waitFor();
  assert.equal(await savedOf(page, byHand.city.id).textContent(),
    `${byHand.city.name}, ${byHand.city.country} now at 12.5000, -7.2500 (set by hand)`);
  city = (await world.api(`/api/cities/${byHand.city.id}`)).json;
  assert.equal(city.coordinates_source, "manual");
  assert.deepEqual([city.lat, city.lng], [12.5, -7.25]);
  assert.equal(await page.getByTestId("review-total").textContent(), `${n(before.total - 3)} to review · showing 1–7`);

  // An entry settled elsewhere in the meantime: the server's message.
  const csrf = (await page.context().cookies()).find((c) => c.name === "twinning_csrf").value;
  const elsewhere = await page.request.post(`${world.baseUrl}/api/cities/${late.city.id}/geocode`, {
    headers: { "X-CSRF-Token": csrf },
    data: { keep: true },
  });
  assert.equal(elsewhere.status(), 200, await elsewhere.text());
  await entryOf(page, late.city.id).getByRole("button", { name: "Keep the recorded point" }).click();
  await entryOf(page, late.city.id).getByRole("alert")
    .filter({ hasText: `${late.city.name}, ${late.city.country} is not on the geocoding review list` }).waitFor();
  await world.screenshot(page, "geocode-settled");
  // The browser logs that 404 of the API; nothing else went wrong.
  assert.deepEqual(world.takePageErrors().filter((e) => !/status of 404/.test(e)), []);

  // The four entries are gone from the list.
  const after = await allReviews();
  assert.equal(after.total, before.total - 4);
  const left = new Set(after.items.map((r) => r.city.id));
  for (const r of [take, keep, byHand, late]) assert.ok(!left.has(r.city.id), `${r.city.name} left the list`);

  // The next page starts after this page's remaining entries.
  await page.reload();
  await page.getByTestId("review").first().waitFor();
  assert.equal(await page.getByTestId("review-total").textContent(), `${n(after.total)} to review · showing 1–10`);
  await page.getByRole("button", { name: /Next/ }).first().click();
  await page.waitForURL(/\/geocode\?offset=10$/);
  await page.getByTestId("review-total").filter({ hasText: "showing 11–20" }).waitFor();
  assert.equal(await entryOf(page, after.items[10].city.id).count(), 1);
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("anonymous visitors and viewers see the list but no link and no action", async () => {
  for (const who of [null, { name: "victor", password: "staple battery horse" }]) {
    const page = await world.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    if (who) await world.signIn(page, who.name, who.password);
    else await page.goto(world.baseUrl + "/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Map" }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "Places to review" }).count(), 0);

    await page.goto(world.baseUrl + "/geocode");
    await page.getByTestId("review").first().waitFor();
    assert.match(await page.getByTestId("review-notice").textContent(), /sign in as a coordinator/);
    if (!who) assert.equal(await page.getByTestId("review-notice").getByRole("link", { name: "Sign in" }).count(), 1);
    else assert.match(await page.getByTestId("review-notice").textContent(), /signed in as viewer/);
    assert.equal(await actionButtons(page).count(), 0);
    assert.equal(await page.getByText("Set the point by hand", { exact: true }).count(), 0);
    // The candidates are there to read.
    assert.ok(await page.getByTestId("candidates").count() > 0);
    assert.equal(dialogs, 0);
    await world.screenshot(page, `geocode-${who ? "viewer" : "anonymous"}`);
    await page.context().close();
  }
  assert.deepEqual(world.takePageErrors(), []);
});

test("the review page fits a 390-px phone", async () => {
  const page = await world.newPage({ width: 390, height: 844 });
  await world.signIn(page, "irina", "correct horse battery");
  await page.goto(world.baseUrl + "/geocode");
  await page.getByTestId("review").first().waitFor();
  assert.ok(await actionButtons(page).count() > 0);
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
  }));
  assert.ok(overflow.scroll <= overflow.view, `content is ${overflow.scroll}px wide in a ${overflow.view}px view`);
  await world.screenshot(page, "geocode-review-phone");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("Christchurch, GB shows its population and its GeoNames place on its page and on the map", async () => {
  const id = cityId(world, "Christchurch, GB");
  const city = (await world.api(`/api/cities/${id}`)).json;
  assert.equal(city.coordinates_source, "gazetteer");
  assert.ok(city.geonames_id > 0 && city.population > 0, JSON.stringify(city));

  const page = await world.newPage();
  await page.goto(`${world.baseUrl}/city/${id}`);
  await page.getByRole("heading", { level: 1, name: /Christchurch/ }).waitFor();
  assert.equal(await page.getByTestId("population").textContent(), n(city.population));
  const coordinates = page.getByTestId("coordinates");
  assert.equal(await coordinates.textContent(), `${at(city.lat, city.lng)} · GeoNames ${city.geonames_id}`);
  assert.equal(await coordinates.getByRole("link").getAttribute("href"), `https://www.geonames.org/${city.geonames_id}`);
  await world.screenshot(page, "city-christchurch");

  await page.goto(`${world.baseUrl}/?city=${id}`);
  await page.waitForFunction((cid) => window.__twinningMap?.selected === cid, id);
  const facts = page.getByTestId("city-facts");
  await facts.getByText(`Population ${n(city.population)}`).waitFor();
  await facts.getByRole("link", { name: `GeoNames ${city.geonames_id}` }).waitFor();
  await world.screenshot(page, "map-christchurch");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});
