-- Letters by e-mail, sending half (src/mail/): each office's mail account
-- and one delivery per (outgoing letter, addressee). SQLite dialect;
-- postgres/009 is the pair.
--
-- No secret is stored: password_source names where the password is read at
-- send time ("env:NAME", or "file:/path" of a file only its owner may read).

CREATE TABLE office_mail_accounts (
  office_id INTEGER PRIMARY KEY REFERENCES offices(id) ON DELETE CASCADE,
  smtp_url TEXT NOT NULL CHECK (smtp_url <> ''),   -- smtp://host:587 (STARTTLS) or smtps://host:465
  smtp_user TEXT NOT NULL DEFAULT '',              -- '' sends without AUTH
  from_address TEXT NOT NULL CHECK (from_address <> ''),
  -- The reply mailbox: replies are addressed to localpart+<token>@domain of
  -- reply_address and read from imap_url (imaps://host/INBOX) as imap_user.
  reply_address TEXT NOT NULL CHECK (reply_address <> ''),
  imap_url TEXT NOT NULL DEFAULT '',
  imap_user TEXT NOT NULL DEFAULT '',
  password_source TEXT NOT NULL DEFAULT '',
  ca_file TEXT NOT NULL DEFAULT '',                -- extra CA certificate (PEM) to trust, '' = system's
  rate REAL NOT NULL DEFAULT 0 CHECK (rate >= 0), -- messages per second a send keeps under, 0 = no limit
  updated_at TEXT NOT NULL
);

-- One addressee's copy of an outgoing letter. state: queued (to be sent),
-- sending (its SMTP transaction began and no outcome was recorded: after a
-- crash, in doubt), accepted (the server took it: server_reply), failed
-- (refused, or bounced later: server_reply says why).
CREATE TABLE mail_deliveries (
  id INTEGER PRIMARY KEY,
  letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,          -- letter_addressees.position
  city_id INTEGER REFERENCES cities(id),
  email TEXT NOT NULL CHECK (email <> ''),
  reply_token TEXT NOT NULL UNIQUE CHECK (reply_token <> ''),
  message_id TEXT NOT NULL UNIQUE CHECK (message_id <> ''),  -- without angle brackets
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'failed')),
  server_reply TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  accepted_at TEXT,
  UNIQUE (letter_id, position)
);
CREATE INDEX mail_deliveries_state ON mail_deliveries(letter_id, state);
