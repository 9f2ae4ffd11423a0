// What a forecast or a plan rests on, as the campaign page and the planner
// show it: the chance of at least a number of endorsing member states with
// its Monte Carlo error, and the calibrated p and q with the answers behind
// them (the server's at_least and calibration, not a rule of the client).

import { h } from "./dom";
import { addStrings, tf } from "./i18n";
import { fixed } from "./format";
import type { Schemas } from "./schemas";

addStrings({
  en: {
    "forecast.atLeast": "chance of at least {n}: {p} ± {se}",
    "forecast.calibration": "p (a city complies) {p}, from {k} of {n} answers; q (a ministry endorses) {q}, from {qk} of {qn}",
  },
  ru: {
    "forecast.atLeast": "вероятность, что поддержат не меньше {n}: {p} ± {se}",
    "forecast.calibration": "p (город поддержит) {p}, по {k} из {n} ответов; q (МИД согласится) {q}, по {qk} из {qn}",
  },
});

/** The parts of a forecast's or plan's answer this shows; either may be missing. */
export interface ForecastBasis {
  at_least?: { members?: number; probability?: number; se?: number } | null;
  calibration?: Schemas["Calibration"] | null;
}

/** Paragraphs "chance of at least N: P ± SE" and the calibration, for what the answer has. */
export function forecastBasis(f: ForecastBasis): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (f.at_least?.members != null && f.at_least.probability != null) {
    out.push(h("p", { "data-testid": "forecast-at-least" }, tf("forecast.atLeast", {
      n: String(f.at_least.members), p: fixed(f.at_least.probability, 3), se: fixed(f.at_least.se ?? 0, 3),
    })));
  }
  const cal = f.calibration;
  if (cal?.comply && cal.endorse) {
    out.push(h("p", { class: "muted", "data-testid": "forecast-calibration" }, tf("forecast.calibration", {
      p: fixed(cal.comply.mean ?? 0, 3), k: String(cal.comply.successes ?? 0), n: String(cal.comply.answers ?? 0),
      q: fixed(cal.endorse.mean ?? 0, 3), qk: String(cal.endorse.successes ?? 0), qn: String(cal.endorse.answers ?? 0),
    })));
  }
  return out;
}
