-- The planning lists a period's rides by (pickup time, id): with the id in the index, a page
-- walks the index in order and stops after its rows instead of sorting the whole period.

DROP INDEX commandes_planning_idx;

CREATE INDEX commandes_planning_idx ON commandes (organization_id, date_iso, id);
