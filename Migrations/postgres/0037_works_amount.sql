-- Works approved with an amount raise a draft extraordinary call for funds: the agenda item
-- keeps the amount voted, in cents.
ALTER TABLE agenda_items ADD COLUMN works_amount_minor BIGINT;
