-- Mail intake (issue 15, mail/intake.h): every incoming message the office
-- has seen, once per Message-ID (a message without one is keyed by the
-- SHA-256 of its bytes) and once per IMAP UID of a mailbox, with what became
-- of it; a message that matched nothing waits in triage with its raw bytes
-- until a coordinator files or discards it. The row is inserted first, in
-- the filing transaction, so that of two processes only one files a message.
-- And per mailbox the last UID fetched. SQLite dialect; postgres/010 is the pair.

CREATE TABLE mail_messages (
  id INTEGER PRIMARY KEY,
  message_key TEXT NOT NULL UNIQUE CHECK (message_key <> ''),
  mailbox TEXT NOT NULL DEFAULT '',
  uid_validity INTEGER,
  uid INTEGER,
  from_address TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL
    CHECK (outcome IN ('replied', 'filed', 'received', 'delivery_failed', 'triage', 'discarded')),
  -- The letter registered from it, or the letter a receipt is about.
  letter_id INTEGER REFERENCES letters(id),
  reason TEXT NOT NULL DEFAULT '',  -- why it is in triage; what was done with it
  raw_base64 TEXT,                  -- kept while in triage
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  UNIQUE (mailbox, uid_validity, uid)
);
CREATE INDEX mail_messages_outcome ON mail_messages(outcome, id);

CREATE TABLE mail_mailboxes (
  mailbox TEXT PRIMARY KEY CHECK (mailbox <> ''),
  uid_validity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
  updated_at TEXT NOT NULL
);
