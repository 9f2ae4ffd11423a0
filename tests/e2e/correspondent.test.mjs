// A correspondent in a real browser: Cologne's correspondent sees only the
// letters of Cologne (Volgograd's 2013 circular reached it; Coventry's did
// not), records Cologne's reply to the campaign letter, and is refused a
// letter of another city, in the page and from the API (403) alike.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, startWorld, twinning } from "./support/harness.mjs";

let world;
let cologne;
let coventryLetter; // Coventry's circular: not addressed to Cologne
before(async () => {
  world = await startWorld();
  cologne = cityId(world, "Cologne, DE");
  world.addUser("koeln", "correspondent", "Dom zu Köln 1248", "Cologne, DE");
  const register = JSON.parse(twinning(world.db, ["letter", "list", "--json"]));
  const rows = Array.isArray(register) ? register : register.items;
  coventryLetter = rows.find((l) => l.number === "CCC/2013/1");
  assert.ok(coventryLetter, "the demo registered Coventry's circular");
  assert.ok(!coventryLetter.addressee_city_ids.includes(cologne), "Coventry's circular is not addressed to Cologne");
});
after(async () => world?.stop());

const apiInPage = (page, path) =>
  page.evaluate((path) => fetch(path).then(async (r) => ({ status: r.status, json: await r.json().catch(() => null) })), path);

test("a correspondent records its city's reply and sees only its city's letters", async () => {
  const page = await world.newPage();
  await world.signIn(page, "koeln", "Dom zu Köln 1248");
  assert.match(await page.getByTestId("signed-in").textContent(), /koeln · correspondent/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Letters" }).click();
  const table = page.getByTestId("letters-table");
  await table.getByRole("link", { name: "19-024/125рс" }).waitFor();
  assert.equal(await table.getByRole("link", { name: "CCC/2013/1" }).count(), 0);
  let list = await apiInPage(page, "/api/letters?limit=500");
  assert.equal(list.status, 200);
  assert.equal(list.json.total, 1);
  for (const l of list.json.items) {
    assert.ok(l.sender_city_id === cologne || l.addressee_city_ids.includes(cologne), `letter ${l.number} involves Cologne`);
  }
  await world.screenshot(page, "correspondent-register");

  // Volgograd's letter to Cologne: record Cologne's reply.
  await table.getByRole("link", { name: "19-024/125рс" }).click();
  const form = page.getByTestId("reply-form");
  await form.waitFor();
  const cities = await form.getByLabel("Replying city").locator("option").allTextContents();
  assert.equal(cities.length, 1);
  assert.match(cities[0], /^Cologne, DE/);
  await form.getByLabel("Their number").fill("K-17/2013");
  await form.getByLabel("Their answer").selectOption("supports");
  await form.getByLabel("They asked their foreign ministry").check();
  await form.getByLabel("Text of the reply").fill("Cologne supports the initiative and has asked the Federal Foreign Office.");
  await world.screenshot(page, "correspondent-reply-form");
  await form.getByRole("button", { name: "Record the reply" }).click();
  await page.waitForURL((url) => /\/letters\/\d+$/.test(url.pathname) && !url.pathname.endsWith("/1"));
  const refs = page.getByTestId("references");
  await refs.getByText(/In reply to/).waitFor();
  assert.match(await refs.textContent(), /In reply to No 19-024\/125рс of 2013-09-06/);
  await world.screenshot(page, "correspondent-reply");

  const campaign = await world.api("/api/campaigns/un-year-2014");
  const contact = campaign.json.contacts.find((k) => k.city_id === cologne);
  assert.equal(contact.state, "replied");
  assert.equal(contact.stance, "supports");
  list = await apiInPage(page, "/api/letters?limit=500");
  assert.equal(list.json.total, 2, "the reply is Cologne's letter too");
  assert.deepEqual(world.takePageErrors(), []);

  // Another city's letter does not exist for Cologne's correspondent.
  await page.goto(`${world.baseUrl}/letters/${coventryLetter.id}`);
  await page.getByRole("alert").filter({ hasText: "There is no such letter in the register you may read." }).waitFor();
  assert.equal((await apiInPage(page, `/api/letters/${coventryLetter.id}`)).status, 403);
  assert.equal((await apiInPage(page, `/api/letters/${coventryLetter.id}/pdf`)).status, 403);
  list = await apiInPage(page, "/api/letters?limit=500");
  assert.ok(!list.json.items.some((l) => l.id === coventryLetter.id));
  await world.screenshot(page, "correspondent-other-city");
  world.takePageErrors(); // the 403s above are logged by the browser
  await page.context().close();
});
