-- Whether a building's owners may attend its assemblies by video: off unless its internal rules
-- allow it (the law reference marks remote participation unverified).
ALTER TABLE governance_settings ADD COLUMN remote_participation BOOLEAN NOT NULL DEFAULT 0;
