// What every browser test needs: the real `twinning` binary serving the
// built web interface (web/dist) on a scratch SQLite database that holds the
// bundled world list (geocoded) and the 2013 demo, users created with
// `twinning user add`, and Debian's chromium driven by playwright-core with
// the flags that work offline. Missing pieces (binary, web/dist,
// node_modules, chromium) FAIL the test with a message saying what to run;
// nothing is skipped.
//
// Environment (set by CMake, tests/CMakeLists.txt):
//   TWINNING_BINARY     the twinning executable (required)
//   TWINNING_SOURCE_DIR the repository (default: two levels up from here)
//   TWINNING_ARTIFACTS  where screenshots go (default: build/web-artifacts)
//   TWINNING_CHROMIUM   the browser (default: /usr/bin/chromium)

import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/**
 * Chooses the interface language before a page loads; pass it to
 * `addInitScript`. A frame without storage (the PDF viewer of a letter's
 * page) is left alone: `localStorage` is null there.
 */
export const setLang = (l) => window.localStorage?.setItem("twinning.lang", l);

export const sourceDir = resolve(process.env.TWINNING_SOURCE_DIR ?? join(here, "..", "..", ".."));
export const webDist = join(sourceDir, "web", "dist");
export const artifactsDir = resolve(process.env.TWINNING_ARTIFACTS ?? join(sourceDir, "build", "web-artifacts"));
const chromiumPath = process.env.TWINNING_CHROMIUM ?? "/usr/bin/chromium";

// Flags for a headless chromium that never reaches for the network.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The binary, web/dist, playwright-core and chromium, or an Error naming what is missing and how to get it. */
export function prerequisites() {
  const binary = process.env.TWINNING_BINARY;
  if (!binary || !existsSync(binary)) {
    throw new Error(`TWINNING_BINARY (${binary ?? "unset"}) is not the twinning executable: run scripts/build`);
  }
  if (!existsSync(join(webDist, "index.html"))) {
    throw new Error(`${webDist}/index.html is missing: build the web interface (scripts/setup installs ` +
      `web/node_modules, scripts/build runs "npm run build" in web/)`);
  }
  let playwright;
  try {
    playwright = createRequire(join(sourceDir, "web", "package.json"))("playwright-core");
  } catch (e) {
    throw new Error(`playwright-core is not installed in web/node_modules (${e.message}): run scripts/setup`);
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run scripts/setup (Debian package chromium)`);
  }
  return { binary, chromium: playwright.chromium };
}

/** Runs `twinning --db DB ARGS...` in the repository; returns stdout. Throws with stderr on failure. */
export function twinning(db, args, input) {
  const { binary } = prerequisites();
  try {
    return execFileSync(binary, ["--db", db, ...args], {
      cwd: sourceDir,
      input: input ?? "",
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (e) {
    throw new Error(`twinning ${args.join(" ")} failed (exit ${e.status}): ${e.stderr || e.message}`);
  }
}

/** A running `twinning serve` with its database, a browser, and helpers; see startWorld(). */
export class World {
  constructor(dir, db, server, baseUrl, browser) {
    this.dir = dir;
    this.db = db;
    this.server = server;
    this.baseUrl = baseUrl;
    this.browser = browser;
    this.pageErrors = [];
  }

  /** Adds a user with a password (`twinning user add ... --password-stdin`). */
  addUser(name, role, password, city) {
    const args = ["user", "add", name, "--role", role, "--password-stdin", "--json"];
    if (city !== undefined) args.push("--city", String(city));
    return JSON.parse(twinning(this.db, args, password + "\n"));
  }

  /** GET (or another method) on the API from node, as an anonymous client or with a cookie header. */
  async api(path, { method = "GET", body, headers = {} } = {}) {
    const r = await fetch(this.baseUrl + path, {
      method,
      headers: { Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: r.status, headers: r.headers, json, text };
  }

  /** A fresh browser context and page (own cookies and storage) at the given viewport. */
  async newPage({ width = 1280, height = 800, lang = "en" } = {}) {
    const context = await this.browser.newContext({
      viewport: { width, height },
      locale: lang === "ru" ? "ru-RU" : "en-GB",
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => this.pageErrors.push(`${page.url()}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") this.pageErrors.push(`${page.url()}: console: ${m.text()}`);
    });
    page.setDefaultTimeout(20000);
    return page;
  }

  /** Signs in through the login form and waits until the frame shows the user. */
  async signIn(page, name, password) {
    await page.goto(this.baseUrl + "/login");
    await page.getByLabel(/User name|Имя пользователя/).fill(name);
    await page.getByLabel(/Password|Пароль/).fill(password);
    await page.getByRole("button", { name: /^(Sign in|Войти)$/ }).last().click();
    await page.getByTestId("signed-in").filter({ hasText: name }).waitFor();
  }

  /** Saves a full-page screenshot as build/web-artifacts/NAME.png; returns its path. */
  async screenshot(page, name) {
    mkdirSync(artifactsDir, { recursive: true });
    const path = join(artifactsDir, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  }

  /** Uncaught errors and console errors of every page so far (a test fails on any). */
  takePageErrors() {
    const e = this.pageErrors;
    this.pageErrors = [];
    return e;
  }

  async stop() {
    await this.browser?.close().catch(() => undefined);
    if (this.server && this.server.exitCode === null) {
      const exited = new Promise((r) => this.server.once("exit", r));
      this.server.kill("SIGTERM");
      const timer = setTimeout(() => this.server.kill("SIGKILL"), 10000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts `twinning serve --port 0 --web web/dist` on `db` and resolves to its base URL. */
function serve(db) {
  const { binary } = prerequisites();
  const server = spawn(binary, ["--db", db, "serve", "--port", "0", "--threads", "2", "--web", webDist, "--access-log", ""], {
    cwd: sourceDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  server.stderr.on("data", (d) => (err += d));
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      server.kill("SIGKILL");
      reject(new Error(`twinning serve printed no address in 30 s: ${err}`));
    }, 30000);
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^\s]+?)\/?\s/);
      if (m) {
        clearTimeout(timer);
        resolveUrl({ server, baseUrl: m[1].replace(/\/$/, "") });
      }
    });
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`twinning serve exited with ${code}: ${err}`));
    });
  });
}

/**
 * A scratch database (`init`, the bundled world list, `geocode`, `demo`),
 * the server on it and a headless chromium. The caller stops it with world.stop().
 */
export async function startWorld() {
  const { chromium } = prerequisites();
  const dir = mkdtempSync(join(tmpdir(), "twinning-e2e-"));
  const db = join(dir, "twinning.db");
  let world;
  try {
    twinning(db, ["init"]);
    twinning(db, ["import", "wikipedia-csv", join(sourceDir, "data", "twin_cities_wikipedia.csv")]);
    // Geocoded as scripts/run prepares a database: the cities placed from the
    // GeoNames gazetteer (data/gazetteer.csv), the doubtful ones on the
    // review list.
    twinning(db, ["geocode"]);
    twinning(db, ["demo"]);
    const { server, baseUrl } = await serve(db);
    world = new World(dir, db, server, baseUrl, null);
    world.browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    return world;
  } catch (e) {
    if (world) await world.stop();
    else rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The id of a city by "Name, CC" as `twinning city --json` resolves it. */
export function cityId(world, ref) {
  return JSON.parse(twinning(world.db, ["city", ref, "--json"])).id;
}
