-- The campaign timeline is public, the correspondence register is not
-- (issue 14): event details no longer name registration numbers. This
-- rewrites the details that older versions wrote, keeping the rest of
-- their text; the letter stays linked by letter_id for those who may read it.
--   sent:      "letter No X from C" / "forwarded copy No X from C" -> without "No X"
--   replied:   "supports, registered as No X"                      -> "supports"
--   endorsed, declined: "evidence: letter No X"                    -> "with a letter as evidence"
--   reminded:  "reminder No R of letter No O of YYYY-MM-DD"        -> "reminder of the letter of YYYY-MM-DD"
UPDATE campaign_events
   SET detail = substr(detail, 1, strpos(detail, ' No ') - 1) || substr(detail, strpos(detail, ' from '))
 WHERE kind = 'sent' AND strpos(detail, ' No ') > 0 AND strpos(detail, ' from ') > strpos(detail, ' No ');
UPDATE campaign_events
   SET detail = substr(detail, 1, strpos(detail, ', registered as No ') - 1)
 WHERE kind = 'replied' AND strpos(detail, ', registered as No ') > 0;
UPDATE campaign_events
   SET detail = 'with a letter as evidence'
 WHERE kind IN ('endorsed', 'declined') AND detail LIKE 'evidence: letter No %';
UPDATE campaign_events
   SET detail = 'reminder of the letter of ' || substr(detail, length(detail) - 9)
 WHERE kind = 'reminded' AND detail LIKE 'reminder No % of letter No % of %';
