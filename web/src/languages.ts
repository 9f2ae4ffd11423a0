// Languages and countries named in the interface's language by the
// browser's own CLDR data (Intl.DisplayNames): "German"/"немецкий" for
// "de", "Germany"/"Германия" for "DE". A code the browser has no name for
// is shown as it is.

import { lang } from "./i18n";

function displayName(type: "language" | "region", code: string): string {
  try {
    const name = new Intl.DisplayNames([lang()], { type, fallback: "none" }).of(code);
    return name || code;
  } catch {
    return code; // not a well-formed code
  }
}

/** The language `code` (BCP 47) named in the interface's language, capitalised as a label: "German", "Немецкий". */
export function languageName(code: string): string {
  const name = displayName("language", code);
  return name.charAt(0).toLocaleUpperCase(lang()) + name.slice(1);
}

/** The country `iso2` named in the interface's language: "Germany", "Германия". */
export function regionName(iso2: string): string {
  return displayName("region", iso2);
}
