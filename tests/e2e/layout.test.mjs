// Readable at 1280x800 and on a 390-px phone, and usable from the keyboard:
// screenshots of the map, a city page, the sign-in form and the places to
// review at both sizes, no horizontal overflow, every control with an
// accessible name, and a visible focus ring on whatever the Tab key reaches.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cityId, startWorld } from "./support/harness.mjs";

let world;
before(async () => (world = await startWorld()));
after(async () => world?.stop());

const sizes = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];

function pages() {
  return [
    { name: "map", path: "/", ready: (p) => p.waitForFunction(() => window.__twinningMap?.ready === true) },
    { name: "city", path: `/city/${cityId(world, "Coventry, GB")}`, ready: (p) => p.getByTestId("twins").waitFor() },
    { name: "login", path: "/login", ready: (p) => p.getByLabel("Password").waitFor() },
    { name: "geocode", path: "/geocode", ready: (p) => p.getByTestId("review").first().waitFor() },
  ];
}

// Controls (inputs, selects, buttons, links) without an accessible name.
const unnamedControls = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button, a[href], [tabindex]")]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        const labelled = el.labels && [...el.labels].some((l) => l.textContent.trim());
        const aria = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
        const text = el.tagName !== "INPUT" && el.tagName !== "SELECT" && el.textContent.trim();
        return !(labelled || aria || text || el.getAttribute("title"));
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );

test("pages fit 1280x800 and a 390-px phone without horizontal overflow", async () => {
  for (const size of sizes) {
    for (const p of pages()) {
      const page = await world.newPage(size);
      await page.goto(world.baseUrl + p.path);
      await p.ready(page);
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
      }));
      assert.ok(overflow.scroll <= overflow.view,
        `${p.name} at ${size.width}px: content is ${overflow.scroll}px wide in a ${overflow.view}px view`);
      assert.deepEqual(await unnamedControls(page), [], `${p.name} at ${size.width}px: unnamed controls`);
      await world.screenshot(page, `layout-${p.name}-${size.name}`);
      await page.context().close();
    }
  }
  assert.deepEqual(world.takePageErrors(), []);
});

test("the keyboard reaches the controls and the focus is visible", async () => {
  const page = await world.newPage();
  await page.goto(world.baseUrl + "/");
  await page.waitForFunction(() => window.__twinningMap?.ready === true);
  const seen = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute("aria-label") || el.textContent.trim().slice(0, 30) || el.id,
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
      };
    });
    assert.ok(f.outline, `focus ring on ${f.tag} "${f.name}"`);
    seen.push(`${f.tag}:${f.name}`);
  }
  for (const expected of ["a:Skip to content", "a:Map", "button:Русский", "input:Search cities", "select:Country", "canvas:Map"]) {
    assert.ok(seen.some((s) => s.startsWith(expected)), `Tab reaches ${expected}; reached ${seen.join(", ")}`);
  }
  // The map itself answers the keyboard: an arrow pans by 60 px, + zooms.
  const volgograd = cityId(world, "Volgograd, RU");
  await page.locator("canvas.map-canvas").focus();
  const where = () => page.evaluate((id) => window.__twinningMap.screenOf(id), volgograd);
  const start = await where();
  await page.keyboard.press("ArrowLeft");
  const panned = await where();
  assert.equal(Math.round(panned.x - start.x), 60);
  await page.keyboard.press("+");
  const zoomed = await where();
  assert.ok(Math.abs(zoomed.x - panned.x) > 1, "zooming moves Volgograd away from the centre");
  await world.screenshot(page, "keyboard-focus");
  assert.deepEqual(world.takePageErrors(), []);
  await page.context().close();
});
