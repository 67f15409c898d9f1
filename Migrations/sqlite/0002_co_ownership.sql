-- Co-ownership structure: buildings (ACP), lots with tantièmes, owners, ownerships with
-- exact shares (millionths) over time.

CREATE TABLE buildings (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country TEXT NOT NULL,
    total_tantiemes INTEGER NOT NULL CHECK (total_tantiemes > 0),
    created_at REAL NOT NULL
);

CREATE INDEX buildings_organization_idx ON buildings (organization_id, name);

CREATE TABLE lots (
    id TEXT PRIMARY KEY,
    building_id TEXT NOT NULL REFERENCES buildings (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    kind TEXT NOT NULL,
    floor INTEGER,
    surface_hundredths INTEGER,
    tantiemes INTEGER NOT NULL CHECK (tantiemes > 0),
    created_at REAL NOT NULL,
    UNIQUE (building_id, number)
);

CREATE TABLE owners (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    address TEXT,
    user_id TEXT REFERENCES users (id),
    created_at REAL NOT NULL
);

CREATE INDEX owners_organization_idx ON owners (organization_id, name);

CREATE TABLE ownerships (
    id TEXT PRIMARY KEY,
    lot_id TEXT NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL REFERENCES owners (id),
    share_millionths BIGINT NOT NULL CHECK (share_millionths > 0 AND share_millionths <= 1000000),
    start_date TEXT NOT NULL,
    end_date TEXT,
    CHECK (end_date IS NULL OR end_date > start_date)
);

CREATE INDEX ownerships_lot_idx ON ownerships (lot_id, start_date);
