// Entry point: the frame (navigation, language, user), the routes, start.

import "./styles.css";
import { h } from "./dom";
import { lang, setLang, t } from "./i18n";
import { dispatch, route, setNavigateHook, startRouter, type Render } from "./router";
import { canCoordinate, currentUser, loadSession, logout } from "./session";
import { loadCityNames } from "./citynames";
import { renderMap } from "./pages/map";
import { renderCity } from "./pages/city";
import { renderLogin } from "./pages/login";
import { renderCompose, renderLetter, renderLetters } from "./pages/letters";
import { renderCampaign, renderCampaigns } from "./pages/campaign";
import { renderPlan } from "./pages/plan";
import { renderGeocode } from "./pages/geocode";
import { renderMail } from "./pages/mail";

function renderFrame(): void {
  const nav = document.getElementById("nav") as HTMLElement;
  const here = location.pathname;
  const item = (href: string, key: string) =>
    h("a", {
      href,
      "data-link": true,
      class: (href === "/" ? here === "/" : here.startsWith(href)) ? "active" : "",
      "aria-current": (href === "/" ? here === "/" : here.startsWith(href)) ? "page" : undefined,
    }, t(key));
  nav.replaceChildren(
    item("/", "nav.map"),
    item("/letters", "nav.letters"),
    item("/campaigns", "nav.campaigns"),
    item("/plan", "nav.plan"),
    // Pages only coordinators act on are linked only for them.
    ...(canCoordinate() ? [item("/geocode", "nav.geocode"), item("/mail", "nav.mail")] : []),
  );
  (document.getElementById("skip-link") as HTMLAnchorElement).textContent = t("nav.skip");
  const langButton = document.getElementById("lang-switch") as HTMLButtonElement;
  langButton.textContent = t("lang.other");
  langButton.title = t("lang.label");
  langButton.lang = lang() === "en" ? "ru" : "en";
  const userBox = document.getElementById("user-box") as HTMLElement;
  const s = currentUser();
  userBox.replaceChildren(
    s
      ? h("span", { class: "user" }, h("span", { class: "muted", "data-testid": "signed-in" }, s.name, " · ", t(`role.${s.role}`)), " ",
          h("button", {
            type: "button",
            class: "ghost",
            onclick: async () => {
              await logout();
              renderFrame();
              void dispatch();
            },
          }, t("nav.logout")))
      : h("a", { href: "/login", "data-link": true }, t("nav.login")),
  );
}

// Every page names cities in the interface's language (citynames.ts).
const localized = (render: Render): Render => async (main, params) => {
  await loadCityNames();
  return render(main, params);
};

const withSession = (render: Render): Render => async (main, params) => {
  await Promise.all([loadSession(), loadCityNames()]);
  return render(main, params);
};

route("/", localized(renderMap));
route("/city/:id", withSession(renderCity));
route("/login", renderLogin);
route("/letters", withSession(renderLetters));
route("/letters/new", withSession(renderCompose));
route("/letters/:id", withSession(renderLetter));
route("/campaigns", withSession(renderCampaigns));
route("/campaigns/:code", withSession(renderCampaign));
route("/plan", withSession(renderPlan));
route("/geocode", withSession(renderGeocode));
route("/mail", withSession(renderMail));

document.getElementById("lang-switch")?.addEventListener("click", () => {
  setLang(lang() === "en" ? "ru" : "en");
  void dispatch();
});
setLang(lang());
setNavigateHook(renderFrame);
// The map renders at once; pages that depend on who is signed in wait for
// the session (one small request, made in parallel with the map's data).
void loadSession().then(renderFrame);
startRouter();
