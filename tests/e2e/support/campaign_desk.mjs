// The 2013 campaign played through the web interface only (issue 13): the
// steps of tests/e2e/campaign_desk*.test.mjs, each a page's clicks and
// typing in the interface's language, what the page then shows asserted,
// and screenshots at 1400 and 390 px (campaign-desk-LANG-STEP-WIDTH.png).
// Nothing here calls the API.
import assert from "node:assert/strict";
import { setLang, startWorld } from "./harness.mjs";

export const COORDINATOR = ["irina", "correct horse battery"];
export const CORRESPONDENT = ["koeln", "Dom zu Köln 1248"];
export const VIEWER = ["vera", "just looking 2013"];
export const CIRCULAR = "19-024/125рс";
export const TWINS = ["Lille", "Turin", "Liverpool"];
export const WIDE = { width: 1400, height: 900 };
export const NARROW = { width: 390, height: 844 };

/** A fresh demo database with its three users. */
export async function demoWorld() {
  const world = await startWorld();
  world.addUser(COORDINATOR[0], "coordinator", COORDINATOR[1]);
  world.addUser(CORRESPONDENT[0], "correspondent", CORRESPONDENT[1], "Cologne, DE");
  world.addUser(VIEWER[0], "viewer", VIEWER[1]);
  return world;
}

/** A page in `lang` at `size`, signed in as `who` ([name, password]) or anonymous. */
export async function open(world, lang, size, who) {
  const page = await world.newPage({ ...size, lang });
  await page.context().addInitScript(setLang, lang);
  if (who) await world.signIn(page, ...who);
  return page;
}

export async function assertNoSidewaysScroll(page, what) {
  const { scroll, view } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= view, `${what}: the page is ${scroll} px wide in a ${view} px window`);
}

/**
 * Saves the page as it is at its own width and at the other one (1400 or
 * 390 px), checking that neither scrolls sideways, and leaves it at its
 * own width.
 */
export async function screenshots(world, page, lang, step) {
  const own = page.viewportSize();
  for (const size of own.width === WIDE.width ? [WIDE, NARROW] : [NARROW, WIDE]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100); // let the layout settle (the map redraws)
    await assertNoSidewaysScroll(page, `${step} (${lang}) at ${size.width} px`);
    await world.screenshot(page, `campaign-desk-${lang}-${step}-${size.width}`);
  }
  await page.setViewportSize(own);
}

/** Ends a step: its page saved as `step` at both widths, no error on any page, the page closed. */
export async function finish(world, page, lang, step) {
  await screenshots(world, page, lang, step);
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
}

export const letterIdOf = (page) => Number(new URL(page.url()).pathname.split("/").pop());
export const h1 = (page) => page.locator("main h1").first();

/** The words of one play of the campaign, in the language it is played in. */
export const WORDS = {
  en: {
    compose: "Compose a letter", office: "Office", template: "Template", language: "Language",
    search: /Search cities/, register: "Register…", confirm: "Confirm registration", registerIt: "Register and number it",
    sentOn: "Sent on", markSent: "Mark as sent", kindSent: "outgoing · letter · sent", number: "No",
    appealTemplate: "Appeal of 6 September 2013", forwardTemplate: "Forwarded copy",
    registeredOn: "Registered on", theirNumber: "Their number", theirDate: "Their date", replyText: "Text of the reply",
    recordReply: "Record the reply", forwardedOn: "Forwarded on", recordForward: "Record the forward",
    forwarded: "Cologne forwarded the letter to 3 twin cities", originator: "cannot be named: originator of this campaign",
    country: /Country/, evidence: /Evidence/, record: "Record", germany: "Germany",
    echo: (n) => `Germany (DE): endorsed, evidence No ${n}`, endorsingNames: "Endorsing: Germany",
    replies: /^replies: 1$/, linked: /^letters linked: 1$/, linkCampaign: "Campaign this letter belongs to",
    overdueOnly: "Overdue only", overdueOf: "13 of 14 overdue", andMore: / and 13 more$/,
  },
  ru: {
    compose: "Составить письмо", office: "Канцелярия", template: "Шаблон", language: "Язык",
    search: /Поиск городов/, register: "Зарегистрировать…", confirm: "Подтверждение регистрации",
    registerIt: "Зарегистрировать и присвоить номер", sentOn: "Отправлено", markSent: "Отметить отправку",
    kindSent: "исходящее · письмо · отправлено", number: "№",
    appealTemplate: "Обращение от 6 сентября 2013 г.", forwardTemplate: "Пересылка копии",
    registeredOn: "Дата регистрации", theirNumber: "Их номер", theirDate: "Их дата", replyText: "Текст ответа",
    recordReply: "Записать ответ", forwardedOn: "Дата пересылки", recordForward: "Записать пересылку",
    forwarded: "переслал письмо городам-побратимам (3)", originator: "нельзя указать: инициатор этой кампании",
    country: /Страна/, evidence: /Основание/, record: "Записать", germany: "Германия",
    echo: (n) => `Германия (DE): поддержал, основание № ${n}`, endorsingNames: "Поддержали: Германия",
    replies: /^ответов: 1$/, linked: /^привязано писем: 1$/, linkCampaign: "Кампания, к которой относится письмо",
    overdueOnly: "Только просроченные", overdueOf: "просрочено: 13 из 14", andMore: / и ещё 13$/,
  },
};

/**
 * The coordinator composes Volgograd's appeal to Coventry from its template,
 * sees the merged text, the PDF and the number it would take, registers it
 * after the confirmation naming office, number and addressee, and marks it
 * sent.
 */
export async function composeRegisterSend(world, lang) {
  const w = WORDS[lang];
  const page = await open(world, lang, WIDE, COORDINATOR);
  await page.goto(`${world.baseUrl}/letters`);
  await page.getByRole("link", { name: w.compose }).click();
  await h1(page).filter({ hasText: w.compose }).waitFor();
  const template = page.getByLabel(w.template, { exact: true });
  assert.ok((await template.locator("option").allTextContents()).includes(w.appealTemplate),
    "the template is offered by its name in the interface's language");
  await page.getByLabel(w.office, { exact: true }).selectOption({ label: "Администрация Волгограда (volgograd)" });
  await template.selectOption({ label: w.appealTemplate });
  await page.getByLabel(w.language, { exact: true }).selectOption("en");
  await page.getByRole("combobox", { name: w.search }).fill("Coventry");
  await page.getByRole("option", { name: /Coventry, GB|Ковентри, GB/ }).first().click();

  // The preview: the appeal merged for Coventry, its PDF, the number it would take.
  const preview = page.getByTestId("preview-text");
  await preview.getByText(/bonds of friendship/).waitFor();
  assert.match(await preview.textContent(), /The Mayor of the twin city of Coventry/);
  await page.getByTestId("preview-pdf").waitFor();
  const line = page.getByTestId("preview-number");
  await line.filter({ hasText: /19-024\/\d+рс/ }).waitFor();
  const number = (await line.textContent()).match(/(19-024\/\d+рс)/)[1];
  await screenshots(world, page, lang, "1-compose-preview");

  // Registering asks first, naming the office, the number and one addressee.
  await page.getByRole("button", { name: w.register }).click();
  const dialog = page.getByRole("dialog", { name: w.confirm });
  await dialog.waitFor();
  const question = await dialog.textContent();
  assert.ok(question.includes(number), `the confirmation names No ${number}: ${question}`);
  assert.match(question, /Администрация Волгограда \(volgograd\)/);
  assert.match(question, /1/);
  await screenshots(world, page, lang, "2-compose-confirm");
  await dialog.getByRole("button", { name: w.registerIt }).click();
  await page.waitForURL(/\/letters\/\d+$/);
  await h1(page).filter({ hasText: number }).waitFor();

  // Sent today, the day it was registered (the page offers today).
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(await page.getByLabel(w.sentOn).inputValue(), today);
  await page.getByRole("button", { name: w.markSent }).click();
  await page.getByTestId("letter-kind").filter({ hasText: w.kindSent }).waitFor();
  assert.equal(await page.getByTestId("sent-date").textContent(), today);
  assert.equal(await page.getByRole("button", { name: w.markSent }).count(), 0, "sent once");
  await finish(world, page, lang, "3-letter-sent");
}

/**
 * Cologne's correspondent opens the circular from the register, records
 * Cologne's reply (its number K-13/0815 of 2013-10-15, registered on
 * 2013-10-20), then that Cologne forwarded the circular on 2013-10-25 to
 * three of its twins (Volgograd, the originator, offered but not
 * selectable, with the reason in the interface's language).
 */
export async function replyAndForward(world, lang) {
  const w = WORDS[lang];
  const page = await open(world, lang, NARROW, CORRESPONDENT);
  await page.goto(`${world.baseUrl}/letters`);
  await page.getByTestId("letters-table").getByRole("link", { name: CIRCULAR }).click();
  const circular = letterIdOf(page);
  const form = page.getByTestId("reply-form");
  await form.waitFor();
  await form.getByLabel(w.registeredOn).fill("2013-10-20");
  await form.getByLabel(w.theirNumber).fill("K-13/0815");
  await form.getByLabel(w.theirDate).fill("2013-10-15");
  await form.getByLabel(w.replyText).fill("Köln unterstützt die Initiative.");
  await screenshots(world, page, lang, "4-reply-form");
  await form.getByRole("button", { name: w.recordReply }).click();
  await page.waitForURL(() => letterIdOf(page) !== circular);
  assert.equal(await page.getByTestId("sender-number").textContent(), "K-13/0815");
  assert.equal(await page.getByTestId("sender-date").textContent(), "2013-10-15");
  const heading = await h1(page).textContent();
  const reply = heading.match(new RegExp(`^${w.number} (\\S+) `))[1];
  await screenshots(world, page, lang, "5-reply-recorded");

  await page.goBack();
  const fwd = page.getByTestId("forward-form");
  await fwd.waitFor();
  const twins = fwd.getByTestId("forward-twins");
  await twins.getByRole("checkbox").first().waitFor();
  const volgograd = twins.locator("label").filter({ hasText: /Volgograd|Волгоград/ });
  assert.equal(await volgograd.getByRole("checkbox").isDisabled(), true);
  assert.match(await volgograd.textContent(), new RegExp(w.originator));
  for (const name of TWINS) {
    await twins.locator("label").filter({ hasText: new RegExp(`^ ?${name}, `) }).getByRole("checkbox").check();
  }
  await fwd.getByLabel(w.forwardedOn).fill("2013-10-25");
  await screenshots(world, page, lang, "6-forward-form");
  await fwd.getByRole("button", { name: w.recordForward }).click();
  const done = page.getByTestId("forward-result");
  await done.waitFor();
  assert.match(await done.textContent(), new RegExp(w.forwarded.replace(/[()]/g, "\\$&")));
  assert.deepEqual((await done.getByRole("listitem").allTextContents()).map((t) => t.split(",")[0]).sort(), [...TWINS].sort());
  await finish(world, page, lang, "7-forward-recorded");
  return reply;
}

/**
 * The coordinator records Germany's endorsement on the campaign page by
 * typing the country's name, Cologne's reply as evidence; the saved result
 * is echoed, the tally reads 1 and names Germany, and the timeline has the
 * reply on 2013-10-15, its own date.
 */
export async function endorse(world, lang, reply) {
  const w = WORDS[lang];
  const page = await open(world, lang, WIDE, COORDINATOR);
  await page.goto(`${world.baseUrl}/campaigns`);
  await page.getByRole("link", { name: /2014/ }).first().click();
  const form = page.getByTestId("endorse-form");
  await form.waitFor();
  await form.getByLabel(w.country).fill(w.germany);
  const evidence = form.getByLabel(w.evidence);
  const option = evidence.locator("option").filter({ hasText: reply });
  await option.first().waitFor({ state: "attached" }); // the campaign's letters load after the form
  assert.equal(await option.count(), 1, `Cologne's reply No ${reply} is offered as evidence`);
  await evidence.selectOption(await option.getAttribute("value"));
  await form.getByRole("button", { name: w.record, exact: true }).click();
  const echo = page.getByTestId("ministry-echo");
  await echo.waitFor();
  assert.equal(await echo.textContent(), w.echo(reply));
  await page.getByTestId("endorsing-count").filter({ hasText: /^1$/ }).waitFor();
  await page.getByTestId("endorsing-countries").filter({ hasText: w.endorsingNames }).waitFor();
  assert.equal(await page.getByTestId("endorsing-countries").textContent(), w.endorsingNames);

  // The timeline: the reply counted on 2013-10-15, the date Cologne wrote it.
  const timeline = page.getByTestId("timeline");
  await timeline.getByTestId("timeline-legend").waitFor();
  const dots = await timeline.locator('circle[data-kind="replied"]').evaluateAll((cs) => cs.map((c) => c.dataset.day));
  assert.deepEqual(dots, ["2013-10-15"]);
  assert.ok((await timeline.getByTestId("timeline-legend").getByRole("listitem").allTextContents()).some((t) => w.replies.test(t)));
  await finish(world, page, lang, "8-endorsed");
}

/** The register, overdue only: the circular is still owed by 13 of its 14 cities. */
export async function overdueCircular(world, lang) {
  const w = WORDS[lang];
  const page = await open(world, lang, NARROW, COORDINATOR);
  await page.goto(`${world.baseUrl}/letters`);
  await page.getByTestId("letters-table").waitFor();
  await page.getByLabel(w.overdueOnly).check();
  await page.waitForURL(/overdue=true/);
  const row = page.getByTestId("letters-table").getByRole("row")
    .filter({ has: page.getByRole("link", { name: CIRCULAR, exact: true }) });
  await row.getByTestId("overdue-count").filter({ hasText: w.overdueOf }).waitFor();
  assert.match(await row.getByTestId("letter-to").textContent(), w.andMore);
  await finish(world, page, lang, "9-register-overdue");
}

