// The city page in a real browser: Coventry's link with Volgograd and its
// dated history (autumn 1941, 1944-06-10), and Volgograd's former name.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, startWorld } from "./support/harness.mjs";

let world;
before(async () => (world = await startWorld()));
after(async () => world?.stop());

test("Coventry's page shows the 1944-06-10 entry of its link with Volgograd", async () => {
  const coventry = cityId(world, "Coventry, GB");
  const twins = (await world.api(`/api/cities/${coventry}/twins?limit=500`)).json;
  const page = await world.newPage();
  await page.goto(`${world.baseUrl}/city/${coventry}`);
  await page.getByRole("heading", { level: 1, name: /Coventry/ }).waitFor();
  assert.equal(await page.getByTestId("twins").locator(":scope > li").count(), twins.total);
  const volgograd = page.getByTestId("twins").locator(":scope > li", { hasText: "Volgograd" });
  const history = volgograd.getByRole("list", { name: "History" });
  const entry = history.locator("li", { has: page.locator("time", { hasText: /^1944-06-10$/ }) });
  await entry.waitFor();
  assert.match(await entry.textContent(), /friendship/i);
  await history.locator("time", { hasText: /^1941/ }).waitFor();
  await world.screenshot(page, "city-coventry");

  // The twin link leads to Volgograd's page, which names Stalingrad.
  await volgograd.getByRole("link", { name: "Volgograd", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: /Volgograd/ }).waitFor();
  assert.match(await page.getByTestId("former-names").textContent(), /Stalingrad/);
  await world.screenshot(page, "city-volgograd");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("an unknown city says so", async () => {
  const page = await world.newPage();
  await page.goto(`${world.baseUrl}/city/999999999`);
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await page.context().close();
  world.takePageErrors(); // the 404 of the API call is logged by the browser
});
