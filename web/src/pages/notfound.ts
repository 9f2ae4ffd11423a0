// The page for an address the interface does not know (or a record that
// does not exist): a heading that says so and the way back.

import { h } from "../dom";
import { t } from "../i18n";

export function renderNotFound(main: HTMLElement): void {
  main.className = "page";
  main.replaceChildren(
    h("section", { class: "card not-found", "data-testid": "not-found" },
      h("h1", {}, t("notFound.title")),
      h("p", {}, t("notFound.text")),
      h("p", {}, h("code", {}, location.pathname)),
      h("p", {}, h("a", { href: "/", "data-link": true, class: "button primary" }, t("notFound.home")))),
  );
}
