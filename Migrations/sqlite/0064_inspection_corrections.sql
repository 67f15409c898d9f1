-- Vehicle inspection centre, part 5: each centre sets its re-inspection deadline (15 days by
-- default); an inspection is corrected at most once (correct the correction after that).
ALTER TABLE centres ADD COLUMN reinspection_days INTEGER NOT NULL DEFAULT 15;
CREATE UNIQUE INDEX vehicle_inspections_corrects_idx ON vehicle_inspections (corrects);
