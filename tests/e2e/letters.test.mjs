// The correspondence register in a real browser, as a coordinator: the
// register lists the demo's letters, a letter is composed from a template
// for one addressee and registered, and its page shows the PDF inline (the
// PDF answer is application/pdf, inline, and a PDF).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, startWorld } from "./support/harness.mjs";

let world;
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
});
after(async () => world?.stop());

test("a coordinator composes and registers a letter and sees its PDF", async () => {
  const kiel = cityId(world, "Kiel, DE");
  const page = await world.newPage();
  await world.signIn(page, "irina", "correct horse battery");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Letters" }).click();
  const table = page.getByTestId("letters-table");
  await table.waitFor();
  await table.getByRole("link", { name: "19-024/125рс" }).waitFor();
  await table.getByRole("link", { name: "CCC/2013/1" }).waitFor();
  await world.screenshot(page, "letters-register");

  await page.getByRole("link", { name: "Compose a letter" }).click();
  await page.getByLabel("Office", { exact: true }).selectOption("volgograd");
  await page.getByLabel("Template", { exact: true }).selectOption("appeal-2013");
  const search = page.getByRole("combobox", { name: /Search cities/ });
  await search.fill("Kiel");
  await page.getByRole("option", { name: /^Kiel, DE/ }).first().click();
  await page.getByTestId("addressees").getByText("Kiel, DE").waitFor();
  await page.getByTestId("preview-number").filter({ hasText: /19-024\/\d+рс/ }).waitFor();
  await world.screenshot(page, "letter-compose");

  const pdfResponse = page.waitForResponse((r) => /\/api\/letters\/\d+\/pdf$/.test(r.url()));
  await page.getByRole("button", { name: "Register…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Register and number it" }).click();
  await page.waitForURL(/\/letters\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  const letter = await page.evaluate((id) => fetch(`/api/letters/${id}`).then((r) => r.json()), id);
  assert.equal(letter.letter.status, "registered");
  assert.match(letter.letter.number, /^19-024\/\d+рс$/);
  assert.notEqual(letter.letter.number, "19-024/125рс");
  assert.deepEqual(letter.letter.addressees.map((a) => a.city_id), [kiel]);
  await page.getByRole("heading", { level: 1, name: new RegExp(letter.letter.number.replace("/", "\\/")) }).waitFor();

  // The PDF, shown inline in the page.
  const pdf = await pdfResponse;
  assert.equal(pdf.url().endsWith(`/api/letters/${id}/pdf`), true);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()["content-type"], "application/pdf");
  assert.match(pdf.headers()["content-disposition"], /^inline/);
  const bytes = await page.evaluate((id) => fetch(`/api/letters/${id}/pdf`).then((r) => r.arrayBuffer())
    .then((b) => [...new Uint8Array(b).slice(0, 5)]), id);
  assert.equal(String.fromCharCode(...bytes), "%PDF-");
  const frame = page.getByTestId("pdf-frame");
  assert.equal(await frame.getAttribute("src"), `/api/letters/${id}/pdf`);
  const box = await frame.boundingBox();
  assert.ok(box && box.height > 300 && box.width > 300, "the PDF frame is shown");
  await world.screenshot(page, "letter-registered");

  // The register lists it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Letters" }).click();
  await page.getByTestId("letters-table").getByRole("link", { name: letter.letter.number }).waitFor();
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});
