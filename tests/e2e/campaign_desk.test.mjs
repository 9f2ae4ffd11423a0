// Issue 13, "Done when": the 2013 campaign played on a fresh demo database
// through the web interface only — the test clicks and types, and reads
// what the pages show; it never calls the API. The coordinator composes
// Volgograd's appeal from its template (the preview seen), registers it
// after the confirmation and marks it sent; Cologne's correspondent records
// Cologne's reply with its own number and date and that Cologne forwarded
// the circular to three of its twins; the coordinator records Germany's
// endorsement by typing "Germany" with Cologne's reply as evidence; the
// tally reads 1 and names Germany, the timeline shows the reply on its own
// date, and the register keeps the circular overdue for the 13 cities that
// have not answered. The viewer and the anonymous visitor then walk every
// page, in both languages and at both widths, and find no control that
// writes. Every step is saved as a screenshot at 1400 and 390 px
// (campaign-desk-en-STEP-WIDTH.png); no page scrolls sideways. The same
// play in the Russian interface: campaign_desk_ru.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  COORDINATOR, VIEWER, WIDE, NARROW, assertNoSidewaysScroll, composeRegisterSend, demoWorld, endorse, h1, open,
  overdueCircular, replyAndForward,
} from "./support/campaign_desk.mjs";

let en;
before(async () => {
  en = await demoWorld();
});
after(async () => en?.stop());

/** The number the register gave Cologne's reply (the evidence). */
let reply;

test("the coordinator composes from a template (preview seen), registers after the confirmation and marks it sent", async () => {
  await composeRegisterSend(en, "en");
});

test("Cologne's correspondent records Cologne's reply with its own number and date and its forward to three twins", async () => {
  reply = await replyAndForward(en, "en");
});

test("typing Germany records Germany's endorsement with Cologne's reply; the tally reads 1 and names Germany; the timeline dates the reply 2013-10-15", async () => {
  assert.ok(reply, "Cologne's reply was recorded");
  await endorse(en, "en", reply);
});

test("the register shows the circular overdue for the 13 cities that have not answered", async () => {
  await overdueCircular(en, "en");
});

/**
 * The controls a viewer or an anonymous visitor may see in a page's main
 * part: moving the map, paging and forecasting, signing in. Any other
 * button, and any form of the letter desk or the campaign, is a write
 * control.
 */
const READ_ONLY_CONTROLS = [
  /^(Zoom in|Zoom out|Reset view|Приблизить|Отдалить|Исходный вид)$/,
  /^(Forecast|Plan|Прогноз|План)$/, /^(Remove|Убрать): /,
  /^(← Previous|Next →|First page|← Назад|Далее →|Первая страница)$/,
  /^(Open the PDF|Открыть PDF|Open city page|Страница города|Map|Карта|Go to the map|Перейти к карте)$/,
  /^(Sign in|Войти)$/,
  /^(state|chance of endorsing|состояние|шанс поддержки)$/, // the campaign map's two views
];
const WRITE_FORMS = ["reply-form", "forward-form", "endorse-form", "correction-form", "remind-preview", "confirm",
  "letter-actions", "ministry-card"];

async function writeControls(page) {
  const names = await page.locator("main").evaluate((main) =>
    [...main.querySelectorAll("button, input[type=submit], input[type=button], a.button, [role=button]")]
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => (b.getAttribute("aria-label") || b.textContent || b.value || "").trim()));
  const found = names.filter((n) => !READ_ONLY_CONTROLS.some((re) => re.test(n)));
  for (const id of WRITE_FORMS) {
    if (await page.getByTestId(id).count()) found.push(`[${id}]`);
  }
  if (await page.locator('main a[href="/letters/new"], main textarea').count()) found.push("compose link or text box");
  return found;
}

/** A page's kind: its address without numbers, campaign code or query ("/city/N"). */
const kindOf = (path) => path.replace(/\?.*$/, "").replace(/\/\d+/g, "/N").replace(/^\/campaigns\/[^/]+$/, "/campaigns/C");

/**
 * The pages of the interface: those a visitor reaches from the map by
 * following links, one of each kind (an address with its numbers, its
 * campaign code and its query taken out: one city page, one campaign, ...),
 * and `extra`, the pages of the letter desk no link shows a visitor.
 */
async function everyPage(world, extra) {
  const page = await open(world, "en", WIDE, null);
  const seen = new Map();
  const queue = ["/"];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(kindOf(path))) continue;
    seen.set(kindOf(path), path);
    await page.goto(world.baseUrl + path);
    await h1(page).waitFor();
    await page.waitForLoadState("networkidle");
    const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")]
      .map((a) => new URL(a.href, location.href))
      .filter((u) => u.origin === location.origin && !u.pathname.startsWith("/api/"))
      .map((u) => u.pathname + u.search));
    queue.push(...links.filter((l) => !seen.has(kindOf(l))));
  }
  await page.context().close();
  return [...new Set([...seen.values(), ...extra])];
}

test("the viewer and the anonymous visitor see no write control on any page, in either language, at 1400 and 390 px", async () => {
  // The reply's address, as the coordinator's register links it.
  const coordinator = await open(en, "en", WIDE, COORDINATOR);
  await coordinator.goto(`${en.baseUrl}/letters?direction=incoming`);
  const replyPage = await coordinator.getByTestId("letters-table").getByRole("link", { name: reply }).getAttribute("href");
  await coordinator.context().close();
  const paths = await everyPage(en, ["/letters", "/letters?overdue=true", "/letters/1", replyPage, "/letters/new",
    "/campaigns/un-year-2014", "/plan", "/geocode", "/login", "/no/such/page"]);
  for (const kind of ["/", "/city/N", "/campaigns", "/campaigns/C", "/plan", "/geocode"]) {
    assert.ok(paths.some((p) => kindOf(p) === kind), `the walk reaches ${kind}: ${paths.join(" ")}`);
  }
  // Each visitor in both languages and at both widths.
  const visits = [[VIEWER, "en", WIDE], [VIEWER, "ru", NARROW], [null, "ru", WIDE], [null, "en", NARROW]];
  for (const [who, lang, size] of visits) {
    const page = await open(en, lang, size, who);
    for (const path of paths) {
      await page.goto(en.baseUrl + path);
      await h1(page).waitFor();
      await page.waitForLoadState("networkidle");
      const label = `${who?.[0] ?? "anonymous"} (${lang}, ${size.width} px) on ${path}`;
      assert.deepEqual(await writeControls(page), [], `${label} sees write controls`);
      await assertNoSidewaysScroll(page, label);
    }
    await page.context().close();
  }
  en.takePageErrors(); // the refusals (401, 403) the pages were built on are logged by the browser
});
