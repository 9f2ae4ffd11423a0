-- Campaigns that cascade through the twin network: originators, contacted
-- cities with their state and referral, countries' foreign-ministry stances
-- with evidence, and the dated history. SQLite dialect; postgres/005 is the pair.

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code <> ''),
  title TEXT NOT NULL CHECK (title <> ''),
  initiative TEXT NOT NULL DEFAULT '',
  template TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  majority_needed INTEGER NOT NULL CHECK (majority_needed >= 1),
  member_states INTEGER NOT NULL CHECK (member_states >= majority_needed),
  starts_on TEXT,
  ends_on TEXT,
  reply_days INTEGER NOT NULL DEFAULT 60 CHECK (reply_days >= 1),
  created_at TEXT NOT NULL
);

CREATE TABLE campaign_asks (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL CHECK (text <> ''),
  PRIMARY KEY (campaign_id, position)
);

CREATE TABLE campaign_originators (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  city_id INTEGER NOT NULL REFERENCES cities(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, city_id)
);

CREATE TABLE campaign_contacts (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  city_id INTEGER NOT NULL REFERENCES cities(id),
  state TEXT NOT NULL CHECK (state IN ('letter_sent', 'received', 'replied', 'forwarded')),
  wave INTEGER NOT NULL CHECK (wave >= 1),
  referred_by INTEGER REFERENCES cities(id),
  letter_id INTEGER NOT NULL REFERENCES letters(id),
  sent_on TEXT NOT NULL,
  received_on TEXT,
  replied_on TEXT,
  forwarded_on TEXT,
  reply_due TEXT,
  reply_letter_id INTEGER REFERENCES letters(id),
  stance TEXT CHECK (stance IS NULL OR stance IN ('supports', 'declines', 'undecided')),
  reminders INTEGER NOT NULL DEFAULT 0,
  last_reminded_on TEXT,
  PRIMARY KEY (campaign_id, city_id)
);
CREATE INDEX campaign_contacts_referrer ON campaign_contacts(campaign_id, referred_by);

CREATE TABLE campaign_countries (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  country TEXT NOT NULL REFERENCES countries(iso2),
  state TEXT NOT NULL CHECK (state IN ('asked', 'endorsed', 'declined')),
  asked_on TEXT,
  decided_on TEXT,
  evidence_letter_id INTEGER REFERENCES letters(id),
  notes TEXT NOT NULL DEFAULT '',
  CHECK (state = 'asked' OR evidence_letter_id IS NOT NULL),
  PRIMARY KEY (campaign_id, country)
);

CREATE TABLE campaign_events (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  event_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  city_id INTEGER REFERENCES cities(id),
  country TEXT NOT NULL DEFAULT '',
  letter_id INTEGER REFERENCES letters(id),
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaign_events_campaign ON campaign_events(campaign_id, event_date);
