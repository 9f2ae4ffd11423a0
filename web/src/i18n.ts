// Interface strings in English and Russian. The choice is kept in
// localStorage; `t(key)` falls back to English, then to the key itself.

export type Lang = "en" | "ru";

const strings: Record<Lang, Record<string, string>> = {
  en: {
    "nav.map": "Map",
    "nav.letters": "Letters",
    "nav.campaigns": "Campaigns",
    "nav.plan": "Plan",
    "nav.login": "Sign in",
    "nav.logout": "Sign out",
    "lang.other": "Русский",
    "map.search": "Search cities (any name, former names too)",
    "map.country": "Country",
    "map.allCountries": "All countries",
    "map.from": "Linked from year",
    "map.to": "to",
    "map.links": "links",
    "map.cities": "cities",
    "map.twins": "Twins",
    "map.openCity": "Open city page",
    "map.loading": "Loading the map…",
    "map.hint": "Drag to pan, wheel or +/− to zoom, click a city to see its twins.",
    "map.zoomIn": "Zoom in",
    "map.zoomOut": "Zoom out",
    "map.reset": "Reset view",
    "city.formerNames": "Former names",
    "city.otherNames": "Other names",
    "city.head": "Head of administration",
    "city.address": "Address",
    "city.phone": "Phone",
    "city.fax": "Fax",
    "city.email": "E-mail",
    "city.languages": "Correspondence languages",
    "city.twins": "Twin cities",
    "city.since": "since",
    "city.history": "History",
    "city.letters": "Letters",
    "city.noLetters": "No letters registered.",
    "city.population": "Population",
    "city.source": "Source",
    "login.title": "Sign in",
    "login.user": "User name",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.failed": "Sign-in failed",
    "common.error": "Something went wrong",
    "common.notFound": "Not found",
    "common.loading": "Loading…",
    "common.forbidden": "You are not allowed to see or do this.",
  },
  ru: {
    "nav.map": "Карта",
    "nav.letters": "Письма",
    "nav.campaigns": "Кампании",
    "nav.plan": "План",
    "nav.login": "Войти",
    "nav.logout": "Выйти",
    "lang.other": "English",
    "map.search": "Поиск городов (любое название, в том числе прежнее)",
    "map.country": "Страна",
    "map.allCountries": "Все страны",
    "map.from": "Связи с года",
    "map.to": "по",
    "map.links": "связей",
    "map.cities": "городов",
    "map.twins": "Города-побратимы",
    "map.openCity": "Страница города",
    "map.loading": "Загрузка карты…",
    "map.hint": "Перетаскивайте карту, колесо или +/− — масштаб, щелчок по городу — его побратимы.",
    "map.zoomIn": "Приблизить",
    "map.zoomOut": "Отдалить",
    "map.reset": "Исходный вид",
    "city.formerNames": "Прежние названия",
    "city.otherNames": "Другие названия",
    "city.head": "Глава администрации",
    "city.address": "Адрес",
    "city.phone": "Телефон",
    "city.fax": "Факс",
    "city.email": "Эл. почта",
    "city.languages": "Языки переписки",
    "city.twins": "Города-побратимы",
    "city.since": "с",
    "city.history": "История",
    "city.letters": "Письма",
    "city.noLetters": "Писем не зарегистрировано.",
    "city.population": "Население",
    "city.source": "Источник",
    "login.title": "Вход",
    "login.user": "Имя пользователя",
    "login.password": "Пароль",
    "login.submit": "Войти",
    "login.failed": "Не удалось войти",
    "common.error": "Произошла ошибка",
    "common.notFound": "Не найдено",
    "common.loading": "Загрузка…",
    "common.forbidden": "У вас нет прав на это.",
  },
};

let current: Lang = (localStorage.getItem("twinning.lang") as Lang) === "ru" ? "ru" : "en";

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  localStorage.setItem("twinning.lang", l);
  document.documentElement.lang = l;
}

export function t(key: string): string {
  return strings[current][key] ?? strings.en[key] ?? key;
}

/** Adds strings of a page module (kept beside the page that uses them). */
export function addStrings(extra: Record<Lang, Record<string, string>>): void {
  Object.assign(strings.en, extra.en);
  Object.assign(strings.ru, extra.ru);
}
