-- Registry: countries, cities with their names, twin links, link history,
-- import provenance, and the audit log. SQLite dialect; postgres/001 is the pair.

-- CHECKs on the hot import tables compare with OR rather than IN (...):
-- SQLite 3.40 builds a temporary table per row for an IN list.

CREATE TABLE countries (
  iso2 TEXT PRIMARY KEY,
  iso3 TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_official TEXT NOT NULL,
  name_ru TEXT NOT NULL DEFAULT '',
  un_member INTEGER NOT NULL CHECK (un_member IN (0, 1)),
  region TEXT NOT NULL DEFAULT '',
  subregion TEXT NOT NULL DEFAULT '',
  lat REAL,
  lng REAL,
  languages TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  name_key TEXT NOT NULL,
  country TEXT NOT NULL REFERENCES countries(iso2),
  lat REAL CHECK (lat IS NULL OR (lat >= -90 AND lat <= 90)),
  lng REAL CHECK (lng IS NULL OR (lng >= -180 AND lng <= 180)),
  population INTEGER CHECK (population IS NULL OR population >= 0),
  head_name TEXT NOT NULL DEFAULT '',
  head_title TEXT NOT NULL DEFAULT '',
  postal_address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  fax TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  wikidata_id TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cities_country ON cities(country);
CREATE INDEX cities_key ON cities(name_key, country);

CREATE TABLE city_names (
  id INTEGER PRIMARY KEY,
  city_id INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (name <> ''),
  name_key TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind = 'official' OR kind = 'local' OR kind = 'alternate' OR kind = 'former'),
  valid_from TEXT,
  valid_to TEXT,
  UNIQUE (city_id, name, lang, kind)
);
CREATE INDEX city_names_key ON city_names(name_key);

CREATE TABLE links (
  id INTEGER PRIMARY KEY,
  city_a INTEGER NOT NULL REFERENCES cities(id),
  city_b INTEGER NOT NULL REFERENCES cities(id),
  kind TEXT NOT NULL DEFAULT 'twin' CHECK (kind = 'twin' OR kind = 'sister' OR kind = 'partner' OR kind = 'friendship'),
  since TEXT,
  until TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'suspended' OR status = 'ended'),
  source TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (city_a < city_b),
  UNIQUE (city_a, city_b)
);
CREATE INDEX links_b ON links(city_b);

-- Who listed a link: the city whose page or record names the partnership.
-- A link listed from one side only is reported by the quality check.
CREATE TABLE link_listings (
  link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
  listed_by INTEGER NOT NULL REFERENCES cities(id),
  source TEXT NOT NULL,
  PRIMARY KEY (link_id, listed_by, source)
);

CREATE TABLE link_events (
  id INTEGER PRIMARY KEY,
  link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
  event_date TEXT NOT NULL,
  text TEXT NOT NULL CHECK (text <> ''),
  source TEXT NOT NULL DEFAULT '',
  UNIQUE (link_id, event_date, text)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
