// Sign-in form (session cookie + CSRF token from POST /api/session).

import { ApiError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { navigate } from "../router";
import { login } from "../session";
import { refusal } from "../errors";

export function renderLogin(main: HTMLElement): void {
  main.className = "narrow";
  const user = h("input", { id: "login-user", name: "name", autocomplete: "username", required: true });
  const password = h("input", {
    id: "login-password",
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const form = h("form", { class: "card form" },
    h("h1", {}, t("login.title")),
    h("label", { for: "login-user" }, t("login.user")), user,
    h("label", { for: "login-password" }, t("login.password")), password,
    error,
    h("button", { type: "submit", class: "primary" }, t("login.submit")),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      await login(user.value, password.value);
      const next = new URLSearchParams(location.search).get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/");
    } catch (err) {
      // A wrong name or password is "unauthenticated" here, not "please sign in".
      error.replaceChildren(`${t("login.failed")}: `,
        err instanceof ApiError && err.code === "unauthenticated" ? t("login.wrong") : refusal(err).text);
      error.hidden = false;
    }
  });
  main.append(form);
  user.focus();
}
