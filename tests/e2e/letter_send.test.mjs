// "Send by e-mail" on a letter's page, in a real browser, through the real
// test SMTP server (scripts/lib/mail_servers.sh; started here when
// scripts/test has not): the coordinator sends the demo's 2013 appeal after
// the confirmation, the page lists each addressee's delivery and shows the
// letter sent without a reload, the Maildir holds one message for the
// addressee given an e-mail, and sending again sends nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { sourceDir, startWorld, twinning } from "./support/harness.mjs";

let world;
let servers;  // the serve script, when we started it
const mail = {};

async function mailServers() {
  if (process.env.TWINNING_TEST_SMTP_URL) {
    for (const [k, v] of Object.entries(process.env)) if (k.startsWith("TWINNING_TEST_")) mail[k] = v;
    return;
  }
  servers = spawn("bash", [join(sourceDir, "scripts", "lib", "mail_servers.sh"), "serve"], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: servers.stdout });
  for await (const line of lines) {
    if (line === "ready") break;
    const eq = line.indexOf("=");
    if (eq > 0) mail[line.slice(0, eq)] = line.slice(eq + 1);
  }
}

before(async () => {
  await mailServers();
  process.env.TWINNING_E2E_MAIL_PASSWORD = mail.TWINNING_TEST_MAIL_PASSWORD;
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
  twinning(world.db, ["office", "mail-account", "volgograd", "--smtp-url", mail.TWINNING_TEST_SMTP_URL,
    "--smtp-user", mail.TWINNING_TEST_MAIL_USER, "--from", "intl@volgograd.test",
    "--reply-address", "office@volgograd.test", "--password-source", "env:TWINNING_E2E_MAIL_PASSWORD",
    "--ca-file", mail.TWINNING_TEST_MAIL_CA]);
});
after(async () => {
  await world?.stop();
  servers?.stdin.end();
});

function messagesOf(box) {
  const dir = join(mail.TWINNING_TEST_MAILDIR, box, "new");
  return existsSync(dir) ? readdirSync(dir) : [];
}

test("a coordinator sends the appeal by e-mail after confirming, once", async () => {
  const box = `e2e-${process.pid}-twin`;
  const letter = JSON.parse(twinning(world.db, ["letter", "show", "19-024/125рс", "--json"]));
  const first = letter.letter.addressees[0].city_id;
  const page = await world.newPage();
  await world.signIn(page, "irina", "correct horse battery");
  // The first addressee's city gets an e-mail in the registry (the API's city edit).
  const csrf = (await page.context().cookies()).find((c) => c.name === "twinning_csrf").value;
  const edit = await page.request.patch(`${world.baseUrl}/api/cities/${first}`, {
    headers: { "X-CSRF-Token": csrf },
    data: { email: `${box}@twins.test` },
  });
  assert.equal(edit.status(), 200, await edit.text());

  await page.goto(`${world.baseUrl}/letters/${letter.letter.id}`);
  const status = page.getByTestId("letter-kind");
  await status.getByText(/· registered$/).waitFor();
  await page.evaluate(() => { window.beforeSend = true; });
  await page.getByTestId("send-email").click();
  const dialog = page.getByRole("dialog", { name: "Confirm sending by e-mail" });
  await dialog.waitFor();
  await world.screenshot(page, "letter-send-confirm");
  assert.equal(messagesOf(box).length, 0, "nothing leaves before the confirmation");
  await dialog.getByRole("button", { name: "Send by e-mail" }).click();
  const report = page.getByTestId("send-report");
  await report.waitFor();
  await report.getByText(/^1 sent, 0 failed, 0 sent before, 0 in doubt, \d+ without e-mail\.$/).waitFor();
  await report.locator('li[data-state="accepted"]').filter({ hasText: `${box}@twins.test` }).waitFor();
  // The page shows the letter as it now is, without a reload: sent today.
  await status.getByText(/· sent$/).waitFor();
  await page.getByTestId("sent-date").waitFor();
  assert.equal(await page.evaluate(() => window.beforeSend), true, "the page was not reloaded");
  await world.screenshot(page, "letter-send-report");
  assert.equal(messagesOf(box).length, 1);

  // Again: nothing is sent twice.
  await page.reload();
  await page.getByTestId("send-email").click();
  await page.getByRole("dialog", { name: "Confirm sending by e-mail" }).getByRole("button", { name: "Send by e-mail" }).click();
  await page.getByTestId("send-report").getByText(/^0 sent, 0 failed, 1 sent before/).waitFor();
  assert.equal(messagesOf(box).length, 1);
});
