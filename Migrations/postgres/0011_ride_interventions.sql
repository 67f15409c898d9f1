-- Interventions about taxi rides: the dispatch SLA watchdog raises a `prise_en_charge` for a
-- ride left too long in the pool. Such an intervention names its ride instead of equipment,
-- and there is at most one per ride.

ALTER TABLE interventions ALTER COLUMN equipement_id DROP NOT NULL;

ALTER TABLE interventions DROP CONSTRAINT interventions_kind_check;

ALTER TABLE interventions ADD CONSTRAINT interventions_kind_check
    CHECK (kind IN ('corrective', 'preventive', 'prise_en_charge'));

ALTER TABLE interventions ADD COLUMN commande_id UUID REFERENCES commandes (id);

ALTER TABLE interventions ADD CONSTRAINT interventions_subject_check
    CHECK (equipement_id IS NOT NULL OR (kind = 'prise_en_charge' AND commande_id IS NOT NULL));

CREATE UNIQUE INDEX interventions_prise_en_charge_idx ON interventions (commande_id) WHERE kind = 'prise_en_charge';
