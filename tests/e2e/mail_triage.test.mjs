// Mail triage in a real browser (issue 15): a message from an unknown
// sender, filed by `twinning mail file`, waits on the coordinators' "Mail to
// triage" page with its sender and reason; the coordinator files it as the
// answer to the demo circular 19-024/125рс after a confirmation; triage is
// then empty and the register has the incoming letter in reply. A viewer gets no link to the page and no list.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { sourceDir, startWorld, twinning } from "./support/harness.mjs";

let world;
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
  world.addUser("victor", "viewer", "staple battery horse");
});
after(async () => world?.stop());

test("a coordinator files a message from an unknown sender from the triage page", async () => {
  const filed = JSON.parse(twinning(world.db,
    ["mail", "file", join(sourceDir, "tests", "data", "mail", "unknown-sender.eml"), "--json"]));
  assert.equal(filed.outcome, "triage");

  const page = await world.newPage();
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await world.signIn(page, "irina", "correct horse battery");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mail to triage" }).click();
  await page.getByRole("heading", { level: 1, name: "Mail to triage" }).waitFor();
  const card = page.locator(`[data-testid="mail-message"][data-id="${filed.message}"]`);
  await card.waitFor();
  assert.equal(await card.getByTestId("mail-from").textContent(), "a.friend@example.net");
  assert.match(await card.locator(".reason").textContent(), /no city's address, citing no letter of ours/);
  assert.equal(await page.getByTestId("mail-total").textContent(), "1 to triage");
  await world.screenshot(page, "mail-triage-en-1280");

  await card.getByLabel("Letter it answers (number or id)").fill("19-024/125рс");
  await card.getByRole("button", { name: "File as an answer" }).click();
  const decided = page.locator(`[data-testid="mail-decided"][data-id="${filed.message}"]`);
  await decided.waitFor();
  assert.deepEqual(dialogs, ["File the message from a.friend@example.net as an answer to letter 19-024/125рс?"]);
  assert.match(await decided.textContent(), /^Filed: message from a\.friend@example\.net is now letter #\d+ \(filed\)\.$/);
  assert.equal(await page.getByTestId("mail-total").textContent(), "Nothing to triage: every incoming message was filed.");
  await world.screenshot(page, "mail-triage-en-1280-filed");

  // The register, read with the CLI (the API wants a session).
  assert.deepEqual(JSON.parse(twinning(world.db, ["mail", "triage", "--json"])), []);
  const letterId = (await decided.textContent()).match(/#(\d+)/)[1];
  const view = JSON.parse(twinning(world.db, ["letter", "show", letterId, "--json"]));
  assert.equal(view.letter.direction, "incoming");
  assert.equal(view.letter.sender_number, "R-2013/77");
  assert.equal(view.letter.links[0].target_number, "19-024/125рс");
  assert.deepEqual(world.takePageErrors(), []);
});

test("a viewer has no link to the triage page and sees no message", async () => {
  const page = await world.newPage();
  await world.signIn(page, "victor", "staple battery horse");
  assert.equal(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mail to triage" }).count(), 0);
  await page.goto(world.baseUrl + "/mail");
  await page.getByTestId("mail-notice").waitFor();
  assert.equal(await page.getByTestId("mail-message").count(), 0);
  assert.deepEqual(world.takePageErrors(), []);
});
