// What a letter's language decides: how dates and names are written, which
// way the text runs, and which languages a city is written to in. Pure
// functions over ICU's locale data; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/city.h"
#include "model/country.h"
#include "model/partial_date.h"

namespace twinning::letters {

// Checks a BCP 47 language tag ("ru", "en", "zh-Hans", "pt-BR") and returns
// it normalised (language lower-case, script title-case, region upper-case).
// Throws Error(kInvalidInput) naming `field` for anything else.
std::string normalize_language_tag(std::string_view tag, std::string_view field = "lang");

// The primary language subtag of a tag: "zh-Hans" -> "zh".
std::string primary_language(std::string_view tag);

// True for languages written right to left (Arabic, Hebrew, Persian, Urdu,
// and the other languages whose default script is RTL in ICU's data).
bool is_right_to_left(std::string_view lang);

enum class TextDirection { kLeftToRight, kRightToLeft, kNeutral };

// The direction of the first strongly directional character of `text`
// (Unicode bidi classes L, R and AL), kNeutral if it has none. Precondition:
// valid UTF-8.
TextDirection base_direction(std::string_view text);

// A full date as written in the reference line of a letter: Russian
// "06.09.2013" (GOST R 7.0.97); every other language its long form (below).
std::string format_reference_date(const PartialDate& date, std::string_view lang);

// A date as written in running text, from ICU's long date format (narrow
// no-break spaces as plain spaces): Russian
// "6 сентября 2013 г.", English "6 September 2013", Japanese "2013年9月6日".
// Languages ICU has no data for are written in English. A date known only to
// the month or year is written as its ISO text ("2013-09", "2013").
std::string format_long_date(const PartialDate& date, std::string_view lang);

// The city's name in `lang`: its current (not former) name tagged with that
// language, else its English name, else its official (registry) name.
std::string city_name_in(const City& city, std::string_view lang);

// The name of country `iso2` in `lang` (ICU display names), falling back to
// `english` when ICU has none.
std::string country_name_in(std::string_view iso2, std::string_view lang, std::string_view english);

// The languages to write to `city` in, best first, without repeats: the
// city's own correspondence languages, then its country's languages (ISO
// 639-3 codes of countries.csv mapped to their two-letter codes).
std::vector<std::string> correspondence_languages(const City& city, const Country& country);

// Splits text into paragraphs at blank lines (a line of only whitespace);
// single line breaks stay inside their paragraph. CR LF is read as LF; each
// paragraph is trimmed of surrounding whitespace; empty ones are dropped.
std::vector<std::string> split_paragraphs(std::string_view text);

}  // namespace twinning::letters
