// Every page in both languages at 1400 px and on a 390-px phone: none
// scrolls sideways (a campaign titled with one 1,200-character word is in
// the registry, so that a long word must wrap), each has its own title and
// a heading, and screenshots of all of them are saved
// (pages-NAME-LANG-WIDTH.png). Then: the focus moves to the new page's
// heading after a navigation, an unknown address gets a not-found page, the
// planner's city search stays in its own place, Russian reaches statuses,
// regions, "95% CI" and city names, and a refusal of the server is shown in
// the interface's language.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, setLang, startWorld, twinning } from "./support/harness.mjs";

let world;
const longWord = "Städtepartnerschaft".repeat(64).slice(0, 1200);
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
  twinning(world.db, ["campaign", "new", "long-word", "--title", longWord, "--originator", "Volgograd, RU"]);
});
after(async () => world?.stop());

const sizes = [
  { name: "1400", width: 1400, height: 900 },
  { name: "390", width: 390, height: 844 },
];

function pages() {
  const volgograd = cityId(world, "Volgograd, RU");
  const mapReady = (p) => p.waitForFunction(() => window.__twinningMap?.ready === true);
  const heading = (p) => p.locator("main h1").first().waitFor();
  return [
    { name: "map", path: "/", ready: mapReady },
    { name: "city", path: `/city/${volgograd}`, ready: (p) => p.getByTestId("twins").waitFor() },
    { name: "letters", path: "/letters", ready: heading },
    { name: "letter", path: "/letters/1", ready: heading },
    { name: "compose", path: "/letters/new", ready: heading },
    { name: "campaigns", path: "/campaigns", ready: (p) => p.locator(".campaign-list").waitFor() },
    { name: "campaign", path: "/campaigns/un-year-2014", ready: (p) => p.getByTestId("timeline-legend").waitFor() },
    { name: "campaign-long", path: "/campaigns/long-word", ready: (p) => p.getByTestId("timeline").waitFor() },
    { name: "plan", path: "/plan", ready: heading },
    { name: "geocode", path: "/geocode", ready: (p) => p.getByTestId("review").first().waitFor() },
    { name: "login", path: "/login", ready: heading },
    { name: "not-found", path: "/no/such/page", ready: (p) => p.getByTestId("not-found").waitFor() },
  ];
}

/** A signed-in coordinator's page in `lang` at `size`. */
async function coordinatorPage(size, lang) {
  const page = await world.newPage({ width: size.width, height: size.height, lang });
  await page.context().addInitScript(setLang, lang);
  await world.signIn(page, "irina", "correct horse battery");
  return page;
}

const overflow = (page) => page.evaluate(() => ({
  scroll: document.documentElement.scrollWidth,
  view: document.documentElement.clientWidth,
}));

// Words of the interface that a Russian page must not show in English.
const english = ["95% CI", "By region", "Over time", "letter sent", "letters sent", "not reached",
  "letter_sent", "Region", "Africa", "Europe", " runs", "Page not found", "Something went wrong"];

test("every page fits 1400 px and a 390-px phone in English and Russian, with its own title", async () => {
  for (const lang of ["en", "ru"]) {
    for (const size of sizes) {
      const page = await coordinatorPage(size, lang);
      for (const p of pages()) {
        await page.goto(world.baseUrl + p.path);
        await p.ready(page);
        await page.waitForLoadState("networkidle");
        const o = await overflow(page);
        assert.ok(o.scroll <= o.view, `${p.name} (${lang}) at ${size.width}px: content is ${o.scroll}px wide in a ${o.view}px view`);
        const { title, heading } = await page.evaluate(() => ({
          title: document.title,
          heading: document.querySelector("main h1")?.textContent?.trim() ?? "",
        }));
        assert.ok(heading, `${p.name} (${lang}) has a heading`);
        assert.equal(title, `${heading} · Twinning`, `${p.name} (${lang}): the title names the page`);
        if (lang === "ru") {
          const text = await page.locator("main").innerText();
          for (const word of english) assert.ok(!text.includes(word), `${p.name} in Russian shows "${word}"`);
        }
        await world.screenshot(page, `pages-${p.name}-${lang}-${size.name}`);
      }
      await page.context().close();
    }
  }
  assert.deepEqual(world.takePageErrors(), []);
});

test("after a navigation the focus is on the new page's heading", async () => {
  const page = await world.newPage();
  await page.goto(world.baseUrl + "/");
  await page.waitForFunction(() => window.__twinningMap?.ready === true);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
  await page.locator(".campaign-list").waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Campaigns");
  assert.equal(await page.title(), "Campaigns · Twinning");
  await page.getByRole("link", { name: /Year of the International Twin Cities Movement/ }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === "H1" && document.activeElement.textContent.startsWith("2014"));
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.textContent === "Campaigns");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("an unknown address and an unknown city get a not-found page", async () => {
  const page = await world.newPage();
  for (const path of ["/no/such/page", "/city/99999999", "/campaigns/no-such-campaign"]) {
    await page.goto(world.baseUrl + path);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    assert.equal(await page.title(), "Page not found · Twinning");
    await page.getByRole("link", { name: "Go to the map" }).waitFor();
  }
  await page.getByRole("link", { name: "Go to the map" }).click();
  await page.waitForFunction(() => window.__twinningMap?.ready === true);
  await page.context().close();
});

test("the planner's city search does not cover the campaign list", async () => {
  for (const size of sizes) {
    const page = await world.newPage(size);
    await page.goto(world.baseUrl + "/plan");
    const search = await page.getByRole("combobox", { name: /Search cities/ }).boundingBox();
    const campaign = await page.getByLabel("Or start from a campaign").boundingBox();
    const apart = search.x + search.width <= campaign.x || campaign.x + campaign.width <= search.x ||
      search.y + search.height <= campaign.y || campaign.y + campaign.height <= search.y;
    assert.ok(apart, `at ${size.width}px the search box ${JSON.stringify(search)} overlaps the campaign list ${JSON.stringify(campaign)}`);
    await page.context().close();
  }
});

// The planner from the demo campaign: the forecast says the chance of the
// campaign's majority and the calibration it rests on (as the campaign
// page does), and the plan the same with its letters, and why each pick is
// picked.
test("the planner shows the chance of a majority, the calibration and why each pick", async () => {
  const page = await world.newPage();
  await page.goto(world.baseUrl + "/plan");
  await page.getByLabel("Or start from a campaign").selectOption("un-year-2014");
  await page.getByRole("button", { name: "Forecast", exact: true }).click();
  await page.getByTestId("forecast-result").getByTestId("forecast-at-least").getByText(/at least 97/).waitFor();
  assert.match(await page.getByTestId("forecast-calibration").textContent(), /from 0 of 36 answers/);
  await page.locator('input[name="budget"]').fill("2");
  await page.getByRole("button", { name: "Plan", exact: true }).click();
  const picks = page.getByTestId("plan-picks");
  await picks.getByTestId("forecast-calibration").getByText(/from 0 of 36 answers/).waitFor();
  await picks.getByTestId("forecast-at-least").getByText(/at least 97/).waitFor();
  await picks.getByTestId("pick-reasons").first().getByText(/^opens .* \+\d/).first().waitFor();
  assert.equal(await picks.getByTestId("pick-reasons").count(), 2);
  await world.screenshot(page, "plan-reasons-en");
  await page.context().close();
});

test("Russian names cities, statuses, regions and the interval; a refusal is in Russian", async () => {
  const page = await world.newPage({ lang: "ru" });
  await page.context().addInitScript(setLang, "ru");
  // The map's search offers Volgograd by its Russian name, and its page is headed so.
  await page.goto(world.baseUrl + "/");
  await page.waitForFunction(() => window.__twinningMap?.ready === true);
  await page.getByRole("combobox", { name: /Поиск городов/ }).fill("Stalingrad");
  await page.getByRole("option", { name: /Волгоград/ }).first().waitFor();
  await page.goto(`${world.baseUrl}/city/${cityId(world, "Volgograd, RU")}`);
  await page.getByRole("heading", { level: 1, name: /Волгоград/ }).waitFor();

  await page.goto(world.baseUrl + "/campaigns/un-year-2014");
  await page.getByTestId("timeline-legend").waitFor();
  await page.getByTestId("regions").getByText("Европа").waitFor();
  await page.getByTestId("referral-tree").getByText("Волгоград").first().waitFor();
  await page.getByTestId("referral-tree").getByText("письмо отправлено").first().waitFor();
  await page.getByTestId("forecast").getByText(/95% ДИ/).waitFor();
  // What the forecast rests on: the chance of a majority, and p and q from
  // the campaign's answers (all 36 of 2013's letters are past their reply date).
  await page.getByTestId("forecast-at-least").getByText(/не меньше 97/).waitFor();
  assert.match(await page.getByTestId("forecast-calibration").textContent(), /по 0 из 36 ответов/);

  // The planner with p = 2: the server refuses the field "comply"; the page
  // says so in Russian, naming the field by its label.
  await page.goto(world.baseUrl + "/plan");
  await page.getByLabel("Или начать с кампании").selectOption("un-year-2014");
  await page.locator('input[name="comply"]').fill("2");
  await page.getByRole("button", { name: "Прогноз" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.locator("p").first().textContent(), /^Проверьте поле «p: вероятность, что город поддержит»\.$/);
  await world.screenshot(page, "pages-refusal-ru");
  await page.context().close();
});
