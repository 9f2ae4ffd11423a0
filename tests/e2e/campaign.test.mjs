// The campaign dashboard in a real browser: the public tally of the 2013
// demo campaign, and a coordinator recording the Russian foreign ministry's
// endorsement (its letter registered as incoming at Volgograd's office) —
// the tally, the countries map and the API move from 0 to 1.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startWorld, twinning } from "./support/harness.mjs";

let world;
let evidence; // the ministry's letter, registered as incoming
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
  const out = JSON.parse(twinning(world.db, [
    "letter", "receive", "--office", "volgograd",
    "--from-org", "Ministry of Foreign Affairs of the Russian Federation",
    "--their-number", "12345/ДМО", "--their-date", "2013-10-01", "--lang", "ru",
    "--subject", "О Годе международного движения городов-побратимов",
    "--body", "МИД России поддерживает инициативу.", "--json",
  ]));
  evidence = out.letter ?? out;
  assert.ok(evidence.number, "the incoming letter has a number");
});
after(async () => world?.stop());

const endorsing = (page) => page.getByTestId("endorsing-count").textContent().then(Number);

test("the dashboard's tally changes after an endorsement is recorded", async () => {
  const before = (await world.api("/api/campaigns/un-year-2014/status")).json;
  assert.equal(before.un_members_endorsing, 0);

  const page = await world.newPage();
  await page.goto(world.baseUrl + "/campaigns");
  await page.getByRole("link", { name: /Year of the International Twin Cities Movement/ }).first().click();
  await page.getByTestId("tally").waitFor();
  assert.equal(await endorsing(page), 0);
  assert.match(await page.getByTestId("tally").textContent(), /of 97 needed/);
  await page.getByTestId("referral-tree").getByText("Volgograd").first().waitFor();
  await page.locator("svg.world-map path.country").first().waitFor();
  // Anonymous visitors read the tally but get no form to change it, and no
  // button to send reminders.
  assert.equal(await page.getByTestId("endorse-form").count(), 0);
  await page.getByTestId("overdue").waitFor();
  assert.equal(await page.getByTestId("overdue").getByRole("button", { name: "Remind" }).count(), 0);
  await world.screenshot(page, "campaign-public");

  await world.signIn(page, "irina", "correct horse battery");
  await page.goto(world.baseUrl + "/campaigns/un-year-2014");
  // A coordinator may remind the cities that are late.
  await page.getByTestId("overdue").getByRole("button", { name: "Remind" }).first().waitFor();
  const form = page.getByTestId("endorse-form");
  await form.getByLabel(/Country/).fill("RU");
  await form.getByLabel(/Evidence/).selectOption(String(evidence.id));
  await form.getByRole("button", { name: "Record" }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="endorsing-count"]')?.textContent === "1");
  assert.equal(await endorsing(page), 1);
  await page.locator('svg.world-map path.country[data-iso="RU"][fill="#2e7d32"]').first().waitFor();
  await world.screenshot(page, "campaign-endorsed");

  const after = (await world.api("/api/campaigns/un-year-2014/status")).json;
  assert.equal(after.un_members_endorsing, 1);
  assert.deepEqual(after.endorsing, ["RU"]);
  assert.equal((await world.api("/api/campaigns/un-year-2014/countries-map")).json.RU, "endorsed");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});
