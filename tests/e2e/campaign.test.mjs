// The campaign dashboard in a real browser: the public tally of the 2013
// demo campaign, and a coordinator recording the Russian foreign ministry's
// endorsement (its letter registered as incoming at Volgograd's office) —
// the tally, the countries map and the API move from 0 to 1.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setLang, startWorld, twinning } from "./support/harness.mjs";

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

test("the dashboard has colour keys, a timeline of the one day of the demo, and a readable region table", async () => {
  const page = await world.newPage();
  await page.goto(world.baseUrl + "/campaigns/un-year-2014");
  await page.getByTestId("timeline-legend").waitFor();
  // The countries map: a key per state, each with its colour.
  const mapKeys = page.getByTestId("map-legend").locator("li");
  await mapKeys.nth(4).waitFor(); // the map draws after the timeline may have
  assert.equal(await mapKeys.count(), 5);
  assert.equal(await page.getByTestId("map-legend").locator(".swatch").count(), 5);
  assert.match(await page.getByTestId("map-legend").textContent(), /endorsed.*declined.*ministry asked.*a city reached.*not reached/);
  // Every letter of the demo went out on 2013-09-06: the chart marks that day.
  const timeline = page.getByTestId("timeline");
  await timeline.locator('circle[data-kind="sent"][data-day="2013-09-06"]').waitFor();
  assert.match(await page.getByTestId("timeline-legend").textContent(), /letters sent: 36/);
  // A key per series: sent, replies, forwards, endorsements, letters linked.
  assert.equal(await page.getByTestId("timeline-legend").locator(".swatch").count(), 5);
  // The region table has column heads and no bare "?".
  const regions = page.getByTestId("regions");
  assert.deepEqual(await regions.locator("thead th").allTextContents(),
    ["Region", "UN members", "reached", "ministry asked", "endorsing", "declined"]);
  assert.ok(!(await regions.textContent()).includes("?"));
  // States in words, not codes.
  const tree = await page.getByTestId("referral-tree").textContent();
  assert.ok(!tree.includes("letter_sent"), "no raw state code");
  assert.match(tree, /letter sent/);
  await world.screenshot(page, "campaign-dashboard");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

async function noSideways(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}`);
}

/** The map's countries as {iso: title}, once the map in `view` (its aria-label) is drawn. */
async function countryTitles(page, label) {
  const map = page.locator(`svg.world-map[aria-label="${label}"]`);
  await map.locator("path.country").first().waitFor();
  return map.evaluate((svg) => Object.fromEntries([...svg.querySelectorAll("path.country")]
    .map((p) => [p.dataset.iso, p.querySelector("title").textContent])));
}

test("the countries map also shows each member state's chance of endorsing, on a phone and in Russian", async () => {
  const page = await world.newPage({ width: 390, height: 844 });
  await page.goto(world.baseUrl + "/campaigns/un-year-2014");
  const card = page.getByTestId("countries-card");
  await countryTitles(page, "Countries");
  await card.getByRole("button", { name: "chance of endorsing", exact: true }).click(); // enabled once the forecast came
  const keys = card.getByTestId("map-legend").locator("li");
  await keys.filter({ hasText: "80–100 %" }).waitFor();
  assert.equal(await keys.count(), 5);
  assert.deepEqual(await keys.allTextContents(), ["0–20 %", "20–40 %", "40–60 %", "60–80 %", "80–100 %"]);
  assert.equal(await card.getByRole("button", { name: "chance of endorsing", exact: true }).getAttribute("aria-pressed"), "true");
  const titles = await countryTitles(page, "Countries: chance of endorsing");
  // Russia (Volgograd is an originator) has a probability; Taiwan is no member.
  assert.match(titles.RU, /^Russia: chance of endorsing (\d+|< 1|> 99) %$/);
  assert.match(titles.TW, /not a UN member/);
  assert.ok(Object.values(titles).filter((x) => / %$/.test(x)).length > 150, "most countries have a probability");
  await noSideways(page);
  await world.screenshot(page, "campaign-chance-390");
  // And back to the states.
  await card.getByRole("button", { name: "state", exact: true }).click();
  await keys.filter({ hasText: "not reached" }).waitFor();
  assert.match((await countryTitles(page, "Countries")).RU, /^Russia: /);
  await page.context().close();

  const ru = await world.newPage({ lang: "ru" });
  await ru.context().addInitScript(setLang, "ru");
  await ru.goto(world.baseUrl + "/campaigns/un-year-2014");
  await ru.getByTestId("countries-card").getByRole("button", { name: "шанс поддержки", exact: true }).click();
  const ruTitles = await countryTitles(ru, "Страны: шанс поддержки");
  assert.match(ruTitles.RU, /: шанс поддержки (\d+|< 1|> 99) %$/);
  await world.screenshot(ru, "campaign-chance-ru");
  assert.deepEqual(world.takePageErrors(), []);
  await ru.context().close();
});

test("the campaign's title is shown in the interface's language when it has one, else its default title", async () => {
  const russian = "2014 год — Год международного движения городов-побратимов";
  twinning(world.db, ["campaign", "title", "un-year-2014", "ru", russian]);
  assert.equal((await world.api("/api/campaigns/un-year-2014")).json.campaign.titles.ru, russian);

  const ru = await world.newPage();
  await ru.context().addInitScript(setLang, "ru");
  await ru.goto(world.baseUrl + "/campaigns");
  await ru.locator(".campaign-list").getByRole("link", { name: russian }).click();
  await ru.getByRole("heading", { level: 1, name: russian }).waitFor();
  await ru.context().close();

  // English has no title of its own but the default: still the English one.
  const en = await world.newPage();
  await en.goto(world.baseUrl + "/campaigns/un-year-2014");
  await en.getByRole("heading", { level: 1, name: /Year of the International Twin Cities Movement/ }).waitFor();
  assert.equal(await en.getByText(russian).count(), 0);
  assert.deepEqual(world.takePageErrors(), []);
  await en.context().close();
});
