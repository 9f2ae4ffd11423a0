// The letter desk in a real browser on the demo (issue 13), at 1400 and
// 390 px: the coordinator composes a letter with a live preview (merged
// text, PDF, the number it would take), registers it only after a
// confirmation naming the office, the number and the addressees, marks it
// sent and drafts a forwarded copy and a correction from its page; Cologne's
// correspondent (whose city has no office yet) is told so on the compose
// page, records Cologne's reply, records that Cologne forwarded the circular
// to three of its twins, then composes from the forward template and links
// the letter to the campaign; a viewer is told in its language that it may
// not compose and sees no write control.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, setLang, startWorld } from "./support/harness.mjs";

let world;
let cologne;
before(async () => {
  world = await startWorld();
  cologne = cityId(world, "Cologne, DE");
  world.addUser("irina", "coordinator", "correct horse battery");
  world.addUser("koeln", "correspondent", "Dom zu Köln 1248", "Cologne, DE");
  world.addUser("vera", "viewer", "just looking 2013");
});
after(async () => world?.stop());

const WIDTHS = [1400, 390];
const TWINS = ["Lille", "Turin", "Liverpool"];

/** No page may scroll sideways. */
async function assertNoSidewaysScroll(page, what) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client + 1, `${what}: the page is ${scroll} px wide in a ${client} px window`);
}

async function addAddressee(page, name) {
  await page.getByRole("combobox", { name: /Search cities/ }).fill(name);
  await page.getByRole("option", { name: new RegExp(`^${name}, `) }).first().click();
  await page.getByTestId("addressees").getByText(new RegExp(`^${name}, `)).waitFor();
}

/** The number the live preview names (it must name one). */
async function previewedNumber(page) {
  const line = page.getByTestId("preview-number");
  await line.filter({ hasText: /No \S+/ }).waitFor();
  return (await line.textContent()).match(/No (\S+?)\.?$/)[1];
}

/** The letter view as the page's own session reads it. */
const letterInPage = (page, id) => page.evaluate((id) => fetch(`/api/letters/${id}`).then((r) => r.json()), id);
const letterId = (page) => Number(new URL(page.url()).pathname.split("/").pop());

for (const width of WIDTHS) {
  test(`at ${width} px the coordinator previews, confirms, registers and sends a letter`, async () => {
    const page = await world.newPage({ width, height: 900 });
    await world.signIn(page, "irina", "correct horse battery");
    await page.goto(`${world.baseUrl}/letters/new`);
    await page.getByRole("heading", { level: 1, name: "Compose a letter" }).waitFor();
    await page.getByLabel("Office", { exact: true }).selectOption("volgograd");
    await page.getByLabel("Template", { exact: true }).selectOption("letter");
    await page.getByLabel("Language", { exact: true }).selectOption("en");
    await page.getByTestId("preview-text").waitFor({ state: "attached" });
    assert.match(await page.getByRole("status").filter({ hasText: /Add an addressee/ }).textContent(), /Add an addressee/);
    await addAddressee(page, "Kiel");
    await page.getByLabel("Subject", { exact: true }).fill(`Invitation ${width}`);
    await page.getByLabel(/^Text/).fill(`Volgograd invites Kiel to the 2014 meeting (${width}).`);

    // The live preview: the merged text, the PDF and the number it would take.
    const preview = page.getByTestId("preview-text");
    await preview.getByText(`Volgograd invites Kiel to the 2014 meeting (${width}).`).waitFor();
    assert.match(await preview.textContent(), new RegExp(`Invitation ${width}`));
    const number = await previewedNumber(page);
    assert.match(number, /^19-024\/\d+рс$/);
    const pdf = page.getByTestId("preview-pdf");
    await pdf.waitFor();
    assert.match(await pdf.getAttribute("src"), /^blob:/);
    await assertNoSidewaysScroll(page, "compose");
    await world.screenshot(page, `compose-preview-${width}`);

    // Nothing is numbered without the confirmation, which names it all.
    await page.getByRole("button", { name: "Register…" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm registration" });
    await dialog.waitFor();
    const question = await dialog.textContent();
    assert.match(question, /Администрация Волгограда \(volgograd\)/);
    assert.ok(question.includes(`No ${number}`), question);
    assert.match(question, /1 addressee/);
    await world.screenshot(page, `compose-confirm-${width}`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.match(page.url(), /\/letters\/new$/);
    await page.getByRole("button", { name: "Register…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Register and number it" }).click();
    await page.waitForURL(/\/letters\/\d+$/);
    await page.getByRole("heading", { level: 1, name: `No ${number} of` , exact: false }).waitFor();
    const id = letterId(page);
    let view = await letterInPage(page, id);
    assert.equal(view.letter.number, number, "the letter took the number the preview named");
    assert.equal(view.letter.status, "registered");

    // Mark it sent.
    await page.getByTestId("letter-kind").filter({ hasText: "registered" }).waitFor();
    await page.getByRole("button", { name: "Mark as sent" }).click();
    await page.getByTestId("letter-kind").filter({ hasText: "sent" }).waitFor();
    view = await letterInPage(page, id);
    assert.equal(view.letter.status, "sent");
    assert.equal(await page.getByRole("button", { name: "Mark as sent" }).count(), 0, "sent once");
    await assertNoSidewaysScroll(page, "letter");
    await world.screenshot(page, `letter-sent-${width}`);

    // From its page: a forwarded copy (to Coventry) and a correction, each
    // drafted by its use case and opened.
    await page.getByRole("button", { name: "Forward a copy" }).click();
    const forward = page.getByTestId("forward-form");
    await forward.getByRole("combobox", { name: /Search cities/ }).fill("Coventry");
    await page.getByRole("option", { name: /^Coventry, GB/ }).first().click();
    await forward.getByLabel(/^Text/).fill("For your information.");
    await forward.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL((u) => /\/letters\/\d+$/.test(u.pathname) && letterId(page) !== id);
    await page.getByTestId("letter-kind").filter({ hasText: "forwarded copy · draft" }).waitFor();
    assert.match(await page.getByTestId("references").textContent(), new RegExp(`Copy of No ${number.replace("/", "\\/")}`));
    await page.goBack();
    await page.getByRole("button", { name: "Draft a correction" }).click();
    await page.getByTestId("correct-form").getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL((u) => /\/letters\/\d+$/.test(u.pathname) && letterId(page) !== id);
    await page.getByTestId("letter-kind").filter({ hasText: "correction · draft" }).waitFor();
    // A draft offers registering (after a confirmation), not sending.
    assert.equal(await page.getByRole("button", { name: "Register", exact: true }).count(), 1);
    assert.equal(await page.getByRole("button", { name: "Mark as sent" }).count(), 0);
    await world.screenshot(page, `letter-correction-draft-${width}`);
    assert.deepEqual(world.takePageErrors(), []);
    await page.context().close();
  });
}

test("Cologne's correspondent records the reply and the forward to three twins, then composes for the campaign", async () => {
  // 1400 px: no office of Cologne yet; the reply.
  let page = await world.newPage({ width: 1400, height: 900 });
  await world.signIn(page, "koeln", "Dom zu Köln 1248");
  await page.goto(`${world.baseUrl}/letters/new`);
  await page.getByTestId("no-office").waitFor();
  assert.equal(await page.getByRole("button", { name: "Register…" }).count(), 0);
  await world.screenshot(page, "compose-no-office-1400");
  await page.goto(`${world.baseUrl}/letters`);
  await page.getByTestId("letters-table").getByRole("link", { name: "19-024/125рс" }).click();
  const circular = letterId(page);
  // Not its office's letter: no register, send or correction control.
  await page.getByTestId("reply-form").waitFor();
  for (const name of ["Mark as sent", "Draft a correction", "Register"]) {
    assert.equal(await page.getByRole("button", { name, exact: true }).count(), 0, name);
  }
  assert.equal(await page.getByTestId("forward-form").count(), 0, "no forward before the reply");
  const form = page.getByTestId("reply-form");
  await form.getByLabel("Registered on").fill("2013-10-20");
  await form.getByLabel("Their number").fill("K-13/0815");
  await form.getByLabel("Their date").fill("2013-10-15");
  await form.getByLabel("Text of the reply").fill("Cologne supports the initiative.");
  await form.getByRole("button", { name: "Record the reply" }).click();
  await page.waitForURL((u) => letterId(page) !== circular);
  await page.getByTestId("sender-number").filter({ hasText: "K-13/0815" }).waitFor();
  await page.context().close();

  // 390 px: the forward, to three of Cologne's twins.
  page = await world.newPage({ width: 390, height: 844 });
  await world.signIn(page, "koeln", "Dom zu Köln 1248");
  await page.goto(`${world.baseUrl}/letters/${circular}`);
  const fwd = page.getByTestId("forward-form");
  await fwd.waitFor();
  assert.equal(await page.getByTestId("reply-form").count(), 0, "Cologne has replied");
  const twins = fwd.getByTestId("forward-twins");
  await twins.getByRole("checkbox").first().waitFor();
  // Volgograd, the originator, is listed but cannot be named.
  assert.equal(await twins.getByRole("checkbox", { name: /Volgograd/ }).isDisabled(), true);
  for (const name of TWINS) await twins.getByRole("checkbox", { name: new RegExp(`^ ?${name}, `) }).check();
  await fwd.getByLabel("Forwarded on").fill("2013-10-25");
  await assertNoSidewaysScroll(page, "forward form");
  await world.screenshot(page, "forward-form-390");
  await fwd.getByRole("button", { name: "Record the forward" }).click();
  const done = page.getByTestId("forward-result");
  await done.waitFor();
  assert.match(await done.textContent(), /Cologne forwarded the letter to 3 twin cities/);
  assert.equal(await done.getByRole("listitem").count(), 3);
  await world.screenshot(page, "forward-recorded-390");
  const campaign = (await world.api("/api/campaigns/un-year-2014")).json;
  const own = campaign.contacts.find((k) => k.city_id === cologne);
  assert.equal(own.state, "forwarded");
  assert.equal(own.forwarded_on, "2013-10-25");
  const reached = campaign.contacts.filter((k) => k.referred_by === cologne).map((k) => k.city.name).sort();
  assert.deepEqual(reached, [...TWINS].sort());

  // The forward set up Cologne's office: the correspondent composes from
  // the forward template, links the letter to the campaign, registers it.
  await page.goto(`${world.baseUrl}/letters/new`);
  const office = page.getByLabel("Office", { exact: true });
  await office.waitFor();
  const offices = await office.locator("option").allTextContents();
  assert.equal(offices.length, 1);
  assert.match(offices[0], /Cologne/);
  await page.getByLabel("Template", { exact: true }).selectOption("forward");
  await page.getByLabel("Language", { exact: true }).selectOption("en");
  await addAddressee(page, "Lille");
  await page.getByLabel(/^Text/).fill("Cologne forwards Volgograd's appeal.");
  const link = page.getByLabel("Campaign this letter belongs to");
  await link.waitFor();
  await link.selectOption("un-year-2014");
  const number = await previewedNumber(page);
  await assertNoSidewaysScroll(page, "compose");
  await world.screenshot(page, "compose-forward-template-390");
  await page.getByRole("button", { name: "Register…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Register and number it" }).click();
  await page.waitForURL(/\/letters\/\d+$/);
  const id = letterId(page);
  assert.equal((await letterInPage(page, id)).letter.number, number);
  const linked = await page.evaluate(() => fetch("/api/letters?campaign=un-year-2014&limit=500").then((r) => r.json()));
  assert.ok(linked.items.some((l) => l.id === id), "the letter is among the campaign's letters");
  await world.screenshot(page, "letter-linked-390");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

for (const width of WIDTHS) {
  for (const lang of ["en", "ru"]) {
    test(`at ${width} px a viewer (${lang}) is told it may not compose and sees no write control`, async () => {
      const page = await world.newPage({ width, height: 800, lang });
      if (lang === "ru") await page.context().addInitScript(setLang, "ru");
      await world.signIn(page, "vera", "just looking 2013");
      await page.goto(`${world.baseUrl}/letters/new`);
      const refusal = page.getByTestId("may-not-compose");
      await refusal.waitFor();
      assert.match(await refusal.textContent(), lang === "ru" ? /Ваша роль не позволяет составлять письма/ : /Your role may not compose letters/);
      assert.equal(await page.getByLabel(/User name|Имя пользователя/).count(), 0, "no sign-in form");
      assert.equal(await page.locator("main form, main select, main textarea").count(), 0, "no write control");
      await world.screenshot(page, `compose-viewer-${lang}-${width}`);
      await page.goto(`${world.baseUrl}/letters`);
      await page.getByTestId("register-forbidden").waitFor();
      assert.equal(await page.getByRole("link", { name: /Compose a letter|Составить письмо/ }).count(), 0);
      await assertNoSidewaysScroll(page, "register");
      world.takePageErrors(); // the refusals (403) are logged by the browser
      await page.context().close();
    });
  }
}
