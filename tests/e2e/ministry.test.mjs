// Issue 13 on the campaign page: a foreign ministry's answer is recorded for
// the country the coordinator names — "Germany" or "Германия" is Germany
// (DE), never Georgia — with an incoming letter chosen from those the user
// may read, the saved result echoed; an unknown name saves nothing and says
// so; a wrong entry is corrected by a coordinator; "Remind" numbers a letter
// only after a preview and a confirmation naming the number; and viewers,
// correspondents and anonymous visitors get no control they may not use.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startWorld, twinning } from "./support/harness.mjs";

let world;
let evidence; // an incoming letter of Volgograd's register: {id, number}
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
  world.addUser("vera", "viewer", "viewer horse battery");
  world.addUser("koeln", "correspondent", "Dom zu Köln 1248", "Cologne, DE");
  const out = JSON.parse(twinning(world.db, [
    "letter", "receive", "--office", "volgograd", "--from-org", "Stadt Köln",
    "--their-number", "K-13/0815", "--their-date", "2013-10-15", "--lang", "de",
    "--subject", "Antwort der Stadt Köln", "--body", "Köln unterstützt die Initiative.", "--json",
  ]));
  evidence = out.letter ?? out;
  assert.ok(evidence.number, "the incoming letter has a number");
});
after(async () => world?.stop());

const CAMPAIGN = "/campaigns/un-year-2014";
const endorsing = (page) => page.getByTestId("endorsing-count").textContent().then(Number);
const stanceOf = async (iso) =>
  ((await world.api("/api/campaigns/un-year-2014")).json.countries.find((c) => c.country === iso)?.state) ?? "unknown";

async function coordinatorPage(options) {
  const page = await world.newPage(options);
  await world.signIn(page, "irina", "correct horse battery");
  return page;
}

async function record(page, country) {
  const form = page.getByTestId("endorse-form");
  await form.getByLabel(/Country|Страна/).fill(country);
  await form.getByLabel(/Evidence|Основание/).selectOption(String(evidence.id));
  await form.getByRole("button", { name: /^(Record|Записать)$/ }).click();
}

async function correct(page, iso, reason) {
  const answers = page.getByTestId("ministry-answers");
  await answers.getByRole("listitem").filter({ hasText: `(${iso})` }).getByRole("button").click();
  const form = page.getByTestId("correction-form");
  await form.getByLabel(/It should read|Должно быть/).selectOption("unknown");
  await form.getByLabel(/Why the record is wrong|Почему запись неверна/).fill(reason);
  // The echo of the recorded answer is still on the page: wait for the one
  // the correction writes, which names the corrected country again.
  const echoBefore = await page.getByTestId("ministry-echo").textContent().catch(() => null);
  await form.getByRole("button").click();
  await page.waitForFunction(
    (before) => {
      const echo = document.querySelector('[data-testid="ministry-echo"]')?.textContent;
      return echo != null && echo !== before;
    },
    echoBefore,
  );
}

async function noSideways(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}`);
}

test("typing Germany records Germany (DE), echoed, and a coordinator corrects it", async () => {
  const page = await coordinatorPage({ width: 1400, height: 900 });
  await page.goto(world.baseUrl + CAMPAIGN);
  await record(page, "Germany");
  const echo = page.getByTestId("ministry-echo");
  await echo.waitFor();
  assert.equal(await echo.textContent(), `Germany (DE): endorsed, evidence No ${evidence.number}`);
  assert.equal(await endorsing(page), 1);
  assert.equal(await stanceOf("DE"), "endorsed");
  assert.equal(await stanceOf("GE"), "unknown");
  await world.screenshot(page, "ministry-recorded-1400");

  await correct(page, "DE", "test entry");
  assert.match(await page.getByTestId("ministry-echo").textContent(), /^Germany \(DE\): unknown \(corrected\)$/);
  await page.waitForFunction(() => document.querySelector('[data-testid="endorsing-count"]')?.textContent === "0");
  assert.equal(await stanceOf("DE"), "unknown");
  const audit = await page.evaluate(() => fetch("/api/audit?entity=campaign_country").then((r) => r.json()));
  const last = (Array.isArray(audit) ? audit : audit.items).at(-1);
  assert.equal(last.action, "correct");
  assert.equal(last.before.state, "endorsed");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("typing Германия in the Russian interface records Germany", async () => {
  const page = await coordinatorPage({ width: 390, height: 844 });
  await page.goto(world.baseUrl + CAMPAIGN);
  await page.getByRole("button", { name: "Русский" }).click();
  await page.getByTestId("endorse-form").getByLabel(/Страна/).waitFor();
  await record(page, "Германия");
  const echo = page.getByTestId("ministry-echo");
  await echo.waitFor();
  assert.equal(await echo.textContent(), `Германия (DE): поддержал, основание № ${evidence.number}`);
  assert.equal(await stanceOf("DE"), "endorsed");
  await world.screenshot(page, "ministry-recorded-ru-390");
  await noSideways(page);
  await correct(page, "DE", "проверка");
  assert.equal(await stanceOf("DE"), "unknown");
  await page.getByRole("button", { name: "English" }).click();
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("an unknown country name saves nothing and says so", async () => {
  const page = await coordinatorPage();
  await page.goto(world.baseUrl + CAMPAIGN);
  const before = (await world.api("/api/campaigns/un-year-2014")).json.countries;
  await record(page, "Germanistan");
  const form = page.getByTestId("endorse-form");
  // The refusal quotes the name typed, in the interface's language, and
  // keeps the server's own message as the folded detail.
  const alert = form.getByRole("alert");
  await alert.waitFor();
  assert.equal(await alert.locator("p").first().textContent(), "Country “Germanistan” was not found.");
  assert.match(await alert.locator("details").textContent(), /no country is named 'Germanistan'/);
  assert.deepEqual((await world.api("/api/campaigns/un-year-2014")).json.countries, before);
  assert.equal(await page.getByTestId("ministry-echo").count(), 0);
  assert.deepEqual(world.takePageErrors().filter((e) => !/404/.test(e)), []);
  await page.context().close();
});

test("Remind shows the letter and registers it only after a confirmation naming its number", async () => {
  for (const width of [1400, 390]) {
    const page = await coordinatorPage({ width, height: 900 });
    await page.goto(world.baseUrl + CAMPAIGN);
    const overdue = page.getByTestId("overdue");
    // Each pass reminds another city (a city reminded today is not reminded again).
    const first = overdue.getByRole("listitem").nth(width === 1400 ? 0 : 1);
    const lettersBefore = JSON.parse(twinning(world.db, ["letter", "list", "--json"]));
    const n = (l) => (Array.isArray(l) ? l : l.items).length;
    await first.getByRole("button", { name: "Remind" }).click();
    const preview = first.getByTestId("remind-preview");
    await preview.waitFor();
    assert.match(await preview.textContent(), /To: /);
    assert.match(await preview.textContent(), /19-024\/125рс|CCC\/2013\/1/); // the letter it reminds of
    const confirm = preview.getByRole("button", { name: /^Register reminder No / });
    const number = (await confirm.textContent()).replace("Register reminder No ", "");
    assert.equal(n(JSON.parse(twinning(world.db, ["letter", "list", "--json"]))), n(lettersBefore), "a preview registers nothing");
    if (width === 390) await noSideways(page);
    await world.screenshot(page, `campaign-remind-preview-${width}`);
    if (width === 1400) {
      await preview.getByRole("button", { name: "Cancel" }).click();
      assert.equal(await first.getByTestId("remind-preview").count(), 0);
      assert.equal(n(JSON.parse(twinning(world.db, ["letter", "list", "--json"]))), n(lettersBefore));
      await first.getByRole("button", { name: "Remind" }).click();
      await first.getByTestId("remind-preview").waitFor();
    }
    await first.getByRole("button", { name: /^Register reminder No / }).click();
    await first.getByText(`Reminder registered: № ${number}`).waitFor();
    assert.equal(n(JSON.parse(twinning(world.db, ["letter", "list", "--json"]))), n(lettersBefore) + 1);
    assert.deepEqual(world.takePageErrors(), []);
    await page.context().close();
  }
});

test("viewers, correspondents and anonymous visitors see no Remind and no ministry form", async () => {
  const who = [[null], ["vera", "viewer horse battery"], ["koeln", "Dom zu Köln 1248"]];
  for (const [name, password] of who) {
    for (const width of [1400, 390]) {
      const page = await world.newPage({ width, height: 900 });
      if (name) await world.signIn(page, name, password);
      await page.goto(world.baseUrl + CAMPAIGN);
      await page.getByTestId("tally").waitFor();
      await page.getByTestId("overdue").waitFor();
      assert.equal(await page.getByRole("button", { name: "Remind" }).count(), 0, `${name ?? "anonymous"} sees Remind`);
      await page.getByTestId("referral-tree").waitFor();
      if (name === "koeln") {
        // A correspondent records its own country's ministry answer and no other.
        await page.getByTestId("ministry-card").waitFor();
        const choices = await page.evaluate(() =>
          fetch("/api/campaigns/un-year-2014/ministry-countries").then((r) => r.json()));
        assert.deepEqual(choices.map((c) => c.iso2), ["DE"]);
      } else {
        assert.equal(await page.getByTestId("endorse-form").count(), 0, `${name ?? "anonymous"} sees the ministry form`);
        assert.equal(await page.getByTestId("ministry-card").count(), 0);
      }
      if (width === 390) await noSideways(page);
      await world.screenshot(page, `campaign-${name ?? "anonymous"}-${width}`);
      assert.deepEqual(world.takePageErrors(), []);
      await page.context().close();
    }
  }
});
