// Issue 13, per-addressee answers on the demo: after Cologne's reply the
// circular 19-024/125рс, sent to 14 cities, stays in the register's overdue
// list with "… and 13 more" in its To column and "13 of 14 overdue"; its page
// lists each addressee's state (Cologne answered by the reply, the others
// overdue); the reply's page shows the sender's own number and date. Pages
// at 1400 px and 390 px, none scrolling sideways on the phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startWorld, twinning } from "./support/harness.mjs";

let world;
let replyId;
before(async () => {
  world = await startWorld();
  world.addUser("irina", "coordinator", "correct horse battery");
  const out = JSON.parse(twinning(world.db, [
    "campaign", "reply", "un-year-2014", "Cologne, DE", "--date", "2013-10-20",
    "--their-number", "K-13/0815", "--their-date", "2013-10-15", "--json",
  ]));
  replyId = out.reply_letter_id;
  assert.ok(replyId, "the reply is registered");
});
after(async () => world?.stop());

async function noSideways(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}`);
}

for (const width of [1400, 390]) {
  test(`the circular stays overdue for the 13 cities that have not answered (${width} px)`, async () => {
    const page = await world.newPage({ width, height: 900 });
    await world.signIn(page, "irina", "correct horse battery");

    await page.goto(world.baseUrl + "/letters?overdue=true");
    const row = page.getByTestId("letters-table").getByRole("row").filter({ hasText: /19-024\/125/ });
    await row.waitFor();
    assert.match(await row.getByTestId("letter-to").textContent(), / and 13 more$/);
    assert.equal(await row.getByTestId("overdue-count").textContent(), "13 of 14 overdue");
    await world.screenshot(page, `addressees-register-${width}`);
    if (width === 390) await noSideways(page);

    await row.getByRole("link", { name: /19-024\/125/ }).click();
    const answers = page.getByTestId("answers");
    await answers.waitFor();
    const states = await answers.getByRole("listitem").evaluateAll((items) =>
      items.map((li) => [li.querySelector("a")?.textContent ?? li.textContent, li.dataset.state]));
    assert.equal(states.length, 14);
    assert.deepEqual(states.filter(([, s]) => s === "answered").map(([city]) => city), ["Cologne, DE"]);
    assert.equal(states.filter(([, s]) => s === "overdue").length, 13);
    assert.match(await page.getByTestId("answers-tally").textContent(), /13 of 14 overdue/);
    await world.screenshot(page, `addressees-circular-${width}`);
    if (width === 390) await noSideways(page);

    await answers.getByRole("listitem").filter({ hasText: "Cologne" }).getByRole("link").last().click();
    await page.getByTestId("sender-number").waitFor();
    assert.equal(page.url(), `${world.baseUrl}/letters/${replyId}`);
    assert.equal(await page.getByTestId("sender-number").textContent(), "K-13/0815");
    assert.equal(await page.getByTestId("sender-date").textContent(), "2013-10-15");
    await world.screenshot(page, `addressees-reply-${width}`);
    if (width === 390) await noSideways(page);
    await page.close();
  });
}
