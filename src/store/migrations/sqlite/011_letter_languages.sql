-- Letters in the language of each recipient (issue 16).
--
-- A campaign's title in each language its letters are written in: the
-- subject of a campaign letter in that language (campaign/campaigns.h).
-- campaigns.title stays the campaign's own title. SQLite dialect;
-- postgres/011 is the pair.
CREATE TABLE campaign_titles (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang <> ''),
  title TEXT NOT NULL CHECK (title <> ''),
  PRIMARY KEY (campaign_id, lang)
);

-- A letter sent in its original language to a recipient whose language its
-- template has no text in: that language, and the office's courtesy
-- translation into it ('' : the original alone, stated on the letter).
ALTER TABLE letters ADD COLUMN courtesy_lang TEXT NOT NULL DEFAULT '';
ALTER TABLE letters ADD COLUMN courtesy_translation TEXT NOT NULL DEFAULT '';
