// Client-side routes over the History API. A route is a path pattern with
// :params and a render function that fills the main element. Links marked
// data-link navigate without reloading. After a page is rendered the
// document's title is its heading ("Volgograd, RU · Twinning"), and after a
// navigation the focus moves to that heading, so that a screen reader says
// where the user arrived. An address no route knows gets the not-found page.

import { t } from "./i18n";
import { renderNotFound } from "./pages/notfound";

export type Render = (main: HTMLElement, params: Record<string, string>) => void | Promise<void>;

interface Route {
  pattern: RegExp;
  keys: string[];
  render: Render;
}

const routes: Route[] = [];
let onNavigate: () => void = () => {};

export function route(path: string, render: Render): void {
  const keys: string[] = [];
  const pattern = new RegExp(
    "^" +
      path.replace(/:([a-z]+)/g, (_, k: string) => {
        keys.push(k);
        return "([^/]+)";
      }) +
      "/?$",
  );
  routes.push({ pattern, keys, render });
}

export function navigate(path: string): void {
  history.pushState(null, "", path);
  void dispatch({ focus: true });
}

/** Renders the current page again (after a change it shows). */
export function refresh(): void {
  void dispatch();
}

export function setNavigateHook(fn: () => void): void {
  onNavigate = fn;
}

/**
 * The title of the page in `main`: its first heading's text (the map, which
 * has no visible heading, carries a visually hidden one), then the product.
 */
function titleOf(main: HTMLElement): string {
  const heading = main.querySelector("h1")?.textContent?.trim();
  return heading ? `${heading} · ${t("app.name")}` : t("app.name");
}

/** Moves the focus to the page's heading unless the page put it somewhere in itself (a form's first field). */
function focusHeading(main: HTMLElement): void {
  if (main.contains(document.activeElement) && document.activeElement !== main) return;
  const heading = main.querySelector("h1");
  if (!heading) return main.focus();
  heading.tabIndex = -1;
  heading.focus({ preventScroll: false });
}

/**
 * Renders the page of the current address. `focus`: after a navigation (a
 * link, back or forward) the focus moves to the new page's heading; a
 * re-render of the same page (a language switch, a refresh after a change)
 * leaves it where it is.
 */
export async function dispatch(options: { focus?: boolean } = {}): Promise<void> {
  // Each navigation renders into a fresh <main>, so a slow render of the
  // previous page cannot write into the new one.
  const old = document.getElementById("app") as HTMLElement;
  const main = document.createElement("main");
  main.id = "app";
  main.tabIndex = -1;
  old.replaceWith(main);
  const path = location.pathname;
  onNavigate();
  for (const r of routes) {
    const m = path.match(r.pattern);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
    await r.render(main, params);
    finish(main, options.focus ?? false);
    return;
  }
  renderNotFound(main);
  finish(main, options.focus ?? false);
}

function finish(main: HTMLElement, focus: boolean): void {
  if (!main.isConnected) return; // a later navigation replaced it
  document.title = titleOf(main);
  if (focus) focusHeading(main);
}

export function startRouter(): void {
  document.addEventListener("click", (e) => {
    const a = (e.target as Element).closest("a[data-link]") as HTMLAnchorElement | null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || a.target) return;
    e.preventDefault();
    navigate(a.getAttribute("href") ?? "/");
  });
  window.addEventListener("popstate", () => void dispatch({ focus: true }));
  void dispatch();
}
