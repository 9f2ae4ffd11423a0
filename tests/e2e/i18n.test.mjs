// The interface in Russian: the switch in the frame changes the navigation,
// the map's controls and the city page, and the choice survives a reload.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, startWorld } from "./support/harness.mjs";

let world;
before(async () => (world = await startWorld()));
after(async () => world?.stop());

test("the interface switches to Russian and back", async () => {
  const page = await world.newPage();
  await page.goto(world.baseUrl + "/");
  await page.waitForFunction(() => window.__twinningMap?.ready === true);
  const nav = page.getByRole("navigation", { name: "Main" });
  assert.deepEqual(await nav.getByRole("link").allTextContents(), ["Map", "Letters", "Campaigns", "Plan"]);

  await page.getByRole("button", { name: "Русский" }).click();
  await nav.getByRole("link", { name: "Карта" }).waitFor();
  assert.deepEqual(await nav.getByRole("link").allTextContents(), ["Карта", "Письма", "Кампании", "План"]);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
  await page.getByRole("combobox", { name: /Поиск городов/ }).waitFor();
  await page.getByLabel("Страна", { exact: true }).waitFor();
  await page.getByRole("link", { name: "Войти" }).waitFor();
  await page.waitForFunction(() => window.__twinningMap?.ready === true);
  await world.screenshot(page, "map-ru");

  // The choice is remembered.
  await page.goto(`${world.baseUrl}/city/${cityId(world, "Volgograd, RU")}`);
  await page.getByRole("heading", { name: /Города-побратимы/ }).waitFor();
  await page.getByText("Прежние названия").waitFor();
  await world.screenshot(page, "city-volgograd-ru");

  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: /Twin cities/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});
