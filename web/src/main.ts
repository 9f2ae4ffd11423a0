// Entry point: the frame (navigation, language, user), the routes, start.

import "./styles.css";
import { h } from "./dom";
import { lang, setLang, t } from "./i18n";
import { dispatch, route, setNavigateHook, startRouter } from "./router";
import { currentUser, loadSession, logout } from "./session";
import { renderMap } from "./pages/map";
import { renderCity } from "./pages/city";
import { renderLogin } from "./pages/login";
import { renderCompose, renderLetter, renderLetters } from "./pages/letters";
import { renderCampaign, renderCampaigns } from "./pages/campaign";
import { renderPlan } from "./pages/plan";

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
  );
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

route("/", renderMap);
route("/city/:id", renderCity);
route("/login", renderLogin);
route("/letters", renderLetters);
route("/letters/new", renderCompose);
route("/letters/:id", renderLetter);
route("/campaigns", renderCampaigns);
route("/campaigns/:code", renderCampaign);
route("/plan", renderPlan);

document.getElementById("lang-switch")?.addEventListener("click", () => {
  setLang(lang() === "en" ? "ru" : "en");
  void dispatch();
});
setLang(lang());
setNavigateHook(renderFrame);
void loadSession().then(() => {
  renderFrame();
  startRouter();
});
