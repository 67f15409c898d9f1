-- Drivers' weekly figures, kept by the snapshot job of Monday 00:00 for the comparison in
-- GET /me/stats?period=week (one row per driver and week; a rerun keeps the first).

CREATE TABLE driver_weekly_stats (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    chauffeur_id TEXT NOT NULL REFERENCES users (id),
    week_start REAL NOT NULL,
    rides_done INTEGER NOT NULL,
    minutes_driven INTEGER NOT NULL,
    offers_accepted INTEGER NOT NULL,
    offers_refused INTEGER NOT NULL,
    taken_at REAL NOT NULL,
    PRIMARY KEY (organization_id, chauffeur_id, week_start)
);
