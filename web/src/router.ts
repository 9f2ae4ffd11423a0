// Client-side routes over the History API. A route is a path pattern with
// :params and a render function that fills the main element. Links marked
// data-link navigate without reloading.

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
  void dispatch();
}

/** Renders the current page again (after a change it shows). */
export function refresh(): void {
  void dispatch();
}

export function setNavigateHook(fn: () => void): void {
  onNavigate = fn;
}

export async function dispatch(): Promise<void> {
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
    return;
  }
  main.className = "page";
  main.append(document.createTextNode("404"));
}

export function startRouter(): void {
  document.addEventListener("click", (e) => {
    const a = (e.target as Element).closest("a[data-link]") as HTMLAnchorElement | null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || a.target) return;
    e.preventDefault();
    navigate(a.getAttribute("href") ?? "/");
  });
  window.addEventListener("popstate", () => void dispatch());
  void dispatch();
}
