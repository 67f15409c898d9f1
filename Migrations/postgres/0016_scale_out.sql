-- Several instances on one database.
-- Which instance ran each scheduled job's period: the first to insert the row runs the job,
-- the others skip that period. Old rows are deleted by the claim itself.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    instance TEXT NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job, period_start)
);

-- Attempts per client and fixed window (the public booking form, later sign-in), shared by
-- every instance. Windows that ended are deleted by the rate-limits job.
CREATE TABLE rate_limit_hits (
    scope TEXT NOT NULL,
    client_key TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (scope, client_key, window_start)
);
CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_start);
