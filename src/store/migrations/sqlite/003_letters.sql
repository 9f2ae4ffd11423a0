-- Correspondence register: offices with their numbering patterns, requisites
-- per language and sequence counters; letters with addressees, links between
-- letters and attachments. SQLite dialect; postgres/003 is the pair.
--
-- Attachments keep their bytes base64-encoded in a TEXT column: the same
-- column type and the same SQL in both engines, at the cost of a third more
-- space (attachments are capped at a few MiB, see letters/correspondence.h).

CREATE TABLE offices (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code <> ''),
  city_id INTEGER NOT NULL REFERENCES cities(id),
  name TEXT NOT NULL CHECK (name <> ''),
  outgoing_pattern TEXT NOT NULL,
  incoming_pattern TEXT NOT NULL,
  yearly_restart INTEGER NOT NULL DEFAULT 0 CHECK (yearly_restart IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX offices_city ON offices(city_id);

CREATE TABLE office_requisites (
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang <> ''),
  letterhead TEXT NOT NULL DEFAULT '',
  signatory_name TEXT NOT NULL DEFAULT '',
  signatory_title TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  fax TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (office_id, lang)
);

-- The next sequence number of one series of an office; year is 0 unless the
-- office restarts its numbering every year. Registration bumps the row as its
-- first write, which serializes registrations of one series.
CREATE TABLE office_counters (
  office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
  series TEXT NOT NULL CHECK (series IN ('outgoing', 'incoming')),
  year INTEGER NOT NULL,
  next_seq INTEGER NOT NULL CHECK (next_seq >= 1),
  PRIMARY KEY (office_id, series, year)
);

CREATE TABLE letters (
  id INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES offices(id),
  direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  kind TEXT NOT NULL CHECK (kind IN ('letter', 'reply', 'forward', 'reminder', 'correction')),
  status TEXT NOT NULL
    CHECK (status IN ('draft', 'registered', 'sent', 'received', 'answered')),
  number TEXT,
  reg_date TEXT,
  sender_number TEXT NOT NULL DEFAULT '',
  sender_date TEXT,
  sender_city_id INTEGER REFERENCES cities(id),
  letterhead TEXT NOT NULL DEFAULT '',
  signatory_name TEXT NOT NULL DEFAULT '',
  signatory_title TEXT NOT NULL DEFAULT '',
  sender_address TEXT NOT NULL DEFAULT '',
  sender_phone TEXT NOT NULL DEFAULT '',
  sender_fax TEXT NOT NULL DEFAULT '',
  sender_email TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL CHECK (lang <> ''),
  template TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  salutation TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  closing TEXT NOT NULL DEFAULT '',
  response_deadline TEXT,
  sent_date TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'draft') = (number IS NULL)),
  CHECK ((status = 'draft') = (reg_date IS NULL)),
  UNIQUE (office_id, number)
);
CREATE INDEX letters_sender_city ON letters(sender_city_id);
CREATE INDEX letters_deadline ON letters(response_deadline);
CREATE INDEX letters_number ON letters(number);

CREATE TABLE letter_addressees (
  letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  city_id INTEGER REFERENCES cities(id),
  title TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (letter_id, position)
);
CREATE INDEX letter_addressees_city ON letter_addressees(city_id);

CREATE TABLE letter_links (
  letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('reply_to', 'forward_of', 'reminder_of', 'correction_of')),
  target_id INTEGER NOT NULL REFERENCES letters(id),
  CHECK (letter_id <> target_id),
  PRIMARY KEY (letter_id, kind, target_id)
);
CREATE INDEX letter_links_target ON letter_links(target_id);

CREATE TABLE letter_attachments (
  id INTEGER PRIMARY KEY,
  letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (name <> ''),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  content_base64 TEXT NOT NULL,
  UNIQUE (letter_id, name)
);
