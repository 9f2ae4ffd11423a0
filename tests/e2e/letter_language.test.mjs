// The letter's language in a real browser (issue 16): on the compose page
// the coordinator writing to Kiel is offered Kiel's languages (German, an
// official language of Germany, with that reason) before the template's
// other languages; picking German and then Russian re-renders the preview
// in each; the saved draft's page names its language. In English at 1400
// and 390 px and in Russian at 390 px, never scrolling sideways.
// Screenshots letter-language-LANG-STEP-WIDTH.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setLang, startWorld } from "./support/harness.mjs";

let world;
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
});
after(async () => world?.stop());

const WORDS = {
  en: {
    heading: "Compose a letter", office: "Office", template: "Template", language: "Language",
    search: /Search cities/, german: "German (de)", russian: "Russian (ru)",
    kielGroup: "Languages of Kiel", others: "Other languages",
    defaultNote: /Without a choice the letter is in German: official language of Germany\./,
    germanNote: /German: official language of Germany\./,
    previewGerman: "Language of the letter: German (de)", previewRussian: "Language of the letter: Russian (ru)",
    save: "Save as draft",
  },
  ru: {
    heading: "Составить письмо", office: "Канцелярия", template: "Шаблон", language: "Язык",
    search: /Поиск городов|Search cities/, german: "Немецкий (de)", russian: "Русский (ru)",
    kielGroup: /^Языки адресата \(/, others: "Другие языки",
    defaultNote: /Если не выбрать, письмо будет на языке «Немецкий»: официальный язык страны «Германия»\./,
    germanNote: /Немецкий: официальный язык страны «Германия»\./,
    previewGerman: "Язык письма: Немецкий (de)", previewRussian: "Язык письма: Русский (ru)",
    save: "Сохранить черновик",
  },
};

/** No page may scroll sideways. */
async function assertNoSidewaysScroll(page, what) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client + 1, `${what}: the page is ${scroll} px wide in a ${client} px window`);
}

for (const [lang, width] of [["en", 1400], ["en", 390], ["ru", 390]]) {
  test(`${lang} at ${width} px: Kiel's letter in German, then in Russian, and the draft names its language`, async () => {
    const w = WORDS[lang];
    const page = await world.newPage({ width, height: 900, lang });
    if (lang === "ru") await page.context().addInitScript(setLang, "ru");
    await world.signIn(page, "irina", "correct horse battery");
    await page.goto(`${world.baseUrl}/letters/new`);
    await page.getByRole("heading", { level: 1, name: w.heading }).waitFor();
    await page.getByLabel(w.office, { exact: true }).selectOption("volgograd");
    await page.getByLabel(w.template, { exact: true }).selectOption("letter");
    await page.getByRole("combobox", { name: w.search }).fill("Kiel");
    await page.getByRole("option", { name: /^Kiel, / }).first().click();
    const select = page.getByLabel(w.language, { exact: true });

    // Kiel's languages first, each named in the interface's language, then the others.
    // Until Kiel's languages arrive the select has one group, the others:
    // wait for the second group before reading the first.
    const kiel = select.locator("optgroup").first();
    await select.locator("optgroup").nth(1).locator("option").first().waitFor({ state: "attached" });
    if (typeof w.kielGroup === "string") assert.equal(await kiel.getAttribute("label"), w.kielGroup);
    else assert.match(await kiel.getAttribute("label"), w.kielGroup);
    assert.deepEqual(await kiel.locator("option").allTextContents(), [w.german]);
    const others = select.locator("optgroup").nth(1);
    assert.equal(await others.getAttribute("label"), w.others);
    assert.ok((await others.locator("option").allTextContents()).includes(w.russian));
    const note = page.getByTestId("lang-reason");
    await note.filter({ hasText: w.defaultNote }).waitFor();

    // Without a choice the preview is in German, as the note says.
    const preview = page.getByTestId("preview-text");
    await preview.getByText("Sehr geehrter Herr Bürgermeister,").waitFor();
    await page.getByTestId("preview-lang").filter({ hasText: w.previewGerman }).waitFor();

    // Picked: German, then Russian; the preview follows.
    await select.selectOption("de");
    await note.filter({ hasText: w.germanNote }).waitFor();
    await page.getByLabel(/^(Text|Текст)/).fill("Wolgograd lädt Kiel ein.");
    await preview.getByText("Wolgograd lädt Kiel ein.").waitFor();
    assert.match(await preview.textContent(), /Sehr geehrter Herr Bürgermeister,/);
    assert.equal(await preview.getAttribute("lang"), "de");
    await assertNoSidewaysScroll(page, "compose in German");
    await world.screenshot(page, `letter-language-${lang}-german-${width}`);

    await select.selectOption("ru");
    await page.getByTestId("preview-lang").filter({ hasText: w.previewRussian }).waitFor();
    await preview.getByText("Уважаемый господин мэр!").waitFor();
    assert.doesNotMatch(await preview.textContent(), /Sehr geehrter/);
    assert.equal(await preview.getAttribute("lang"), "ru");
    await assertNoSidewaysScroll(page, "compose in Russian");
    await world.screenshot(page, `letter-language-${lang}-russian-${width}`);

    // The draft is in the language picked, and its page says so.
    await page.getByRole("button", { name: w.save }).click();
    await page.waitForURL(/\/letters\/\d+$/);
    const lettered = page.getByTestId("letter-lang");
    await lettered.filter({ hasText: w.russian }).waitFor();
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const view = await page.evaluate((id) => fetch(`/api/letters/${id}`).then((r) => r.json()), id);
    assert.equal(view.letter.lang, "ru");
    await assertNoSidewaysScroll(page, "letter");
    await world.screenshot(page, `letter-language-${lang}-letter-${width}`);
    assert.deepEqual(world.takePageErrors(), []);
    await page.context().close();
  });
}
