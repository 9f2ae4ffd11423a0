// Issue 13: the 2013 campaign of campaign_desk.test.mjs played in the
// Russian interface on a fresh demo database, through the pages only: the
// compose page names the templates in Russian, the forward form says in
// Russian why a twin cannot be named (the server gives a code, the
// interface translates it), "Германия" records Germany, the tally names
// Германия; a letter Cologne composes from the forward template and links
// to the campaign is counted on the timeline under its Russian name.
// Screenshots campaign-desk-ru-STEP-WIDTH.png at 1400 and 390 px.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  CORRESPONDENT, NARROW, WORDS, composeRegisterSend, demoWorld, endorse, finish, open, overdueCircular,
  replyAndForward, screenshots,
} from "./support/campaign_desk.mjs";

let ru;
before(async () => {
  ru = await demoWorld();
});
after(async () => ru?.stop());

test("in Russian the coordinator composes, the correspondent records the reply and the forward, and typing Германия records Germany", async () => {
  await composeRegisterSend(ru, "ru");
  const reply = await replyAndForward(ru, "ru");
  await endorse(ru, "ru", reply);
  await overdueCircular(ru, "ru");
});

test("in Russian a letter composed from the forward template is linked to the campaign and the timeline counts it", async () => {
  const w = WORDS.ru;
  const page = await open(ru, "ru", NARROW, CORRESPONDENT);
  await page.goto(`${ru.baseUrl}/letters/new`);
  await page.getByLabel(w.office, { exact: true }).waitFor();
  await page.getByLabel(w.template, { exact: true }).selectOption({ label: w.forwardTemplate });
  await page.getByLabel(w.language, { exact: true }).selectOption("ru");
  await page.getByRole("combobox", { name: w.search }).fill("Lille");
  await page.getByRole("option", { name: /Lille|Лилль/ }).first().click();
  await page.getByLabel(/^Текст/).fill("Кёльн пересылает обращение Волгограда.");
  const link = page.getByLabel(w.linkCampaign);
  await link.waitFor();
  await link.selectOption("un-year-2014");
  await page.getByTestId("preview-number").filter({ hasText: /№/ }).waitFor();
  await screenshots(ru, page, "ru", "10-compose-forward-template");
  await page.getByRole("button", { name: w.register }).click();
  await page.getByRole("dialog").getByRole("button", { name: w.registerIt }).click();
  await page.waitForURL(/\/letters\/\d+$/);
  await page.goto(`${ru.baseUrl}/campaigns/un-year-2014`);
  const legend = page.getByTestId("timeline-legend");
  await legend.waitFor();
  const entries = await legend.getByRole("listitem").allTextContents();
  assert.ok(entries.some((t) => w.linked.test(t)), `the timeline counts the linked letter: ${entries.join(" | ")}`);
  assert.ok(!entries.some((t) => /letter_linked|camp\.event/.test(t)), entries.join(" | "));
  await finish(ru, page, "ru", "11-timeline-linked");
});
