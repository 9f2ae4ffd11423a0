// Signing in and out in a real browser: the form, the frame showing who is
// signed in, the session surviving a reload, a wrong password refused with a
// message, and signing out ending the session on the server too.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startWorld } from "./support/harness.mjs";

let world;
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
});
after(async () => world?.stop());

const whoAmI = (page) => page.evaluate(() => fetch("/api/session").then((r) => r.json()));

test("a coordinator signs in, stays signed in across a reload, and signs out", async () => {
  const page = await world.newPage();
  await page.goto(world.baseUrl + "/");
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await world.screenshot(page, "login");
  await world.signIn(page, "irina", "correct horse battery");
  assert.equal(new URL(page.url()).pathname, "/");
  assert.match(await page.getByTestId("signed-in").textContent(), /irina · coordinator/);
  let s = await whoAmI(page);
  assert.equal(s.authenticated, true);
  assert.equal(s.user.name, "irina");
  assert.equal(s.via, "session");

  await page.reload();
  await page.getByTestId("signed-in").filter({ hasText: "irina" }).waitFor();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Sign in" }).waitFor();
  s = await whoAmI(page);
  assert.equal(s.authenticated, false);
  await page.reload();
  await page.getByRole("link", { name: "Sign in" }).waitFor();
  assert.equal(await page.getByTestId("signed-in").count(), 0);
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});

test("a wrong password is refused with a message", async () => {
  const page = await world.newPage();
  await page.goto(world.baseUrl + "/login");
  await page.getByLabel("User name").fill("irina");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).last().click();
  const alert = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
  await alert.waitFor();
  assert.equal((await whoAmI(page)).authenticated, false);
  await world.screenshot(page, "login-failed");
  await page.context().close();
  world.takePageErrors(); // the 401 is logged by the browser
});
