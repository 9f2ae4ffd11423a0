-- The campaign timeline is public, the correspondence register is not
-- (issue 14): event details no longer name registration numbers. This
-- rewrites the details that older versions wrote, keeping the rest of
-- their text; the letter stays linked by letter_id for those who may read it.
--   sent:      "letter No X from C" / "forwarded copy No X from C" -> without "No X"
--   replied:   "supports, registered as No X"                      -> "supports"
--   endorsed, declined: "evidence: letter No X"                    -> "with a letter as evidence"
--   reminded:  "reminder No R of letter No O of YYYY-MM-DD"        -> "reminder of the letter of YYYY-MM-DD"
UPDATE campaign_events
   SET detail = substr(detail, 1, instr(detail, ' No ') - 1) || substr(detail, instr(detail, ' from '))
 WHERE kind = 'sent' AND instr(detail, ' No ') > 0 AND instr(detail, ' from ') > instr(detail, ' No ');
UPDATE campaign_events
   SET detail = substr(detail, 1, instr(detail, ', registered as No ') - 1)
 WHERE kind = 'replied' AND instr(detail, ', registered as No ') > 0;
UPDATE campaign_events
   SET detail = 'with a letter as evidence'
 WHERE kind IN ('endorsed', 'declined') AND detail LIKE 'evidence: letter No %';
UPDATE campaign_events
   SET detail = 'reminder of the letter of ' || substr(detail, length(detail) - 9)
 WHERE kind = 'reminded' AND detail LIKE 'reminder No % of letter No % of %';
