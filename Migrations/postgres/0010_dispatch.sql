-- Taxi dispatch: the company profile, the fleet, business clients, rides (commandes) with a
-- gapless reference per company and year, and the offers (demandes) made to drivers.
-- Column names follow the source's tables (taxis, clients, commandes).

CREATE TABLE societes (
    organization_id UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    nom TEXT NOT NULL,
    slug TEXT UNIQUE,
    email TEXT,
    telephone TEXT,
    adresse TEXT,
    tva TEXT,
    duree_course_minutes INTEGER NOT NULL CHECK (duree_course_minutes BETWEEN 5 AND 1440),
    sla_attente_minutes INTEGER NOT NULL CHECK (sla_attente_minutes BETWEEN 10 AND 10080)
);

CREATE TABLE taxis (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    numero TEXT NOT NULL,
    plaque TEXT NOT NULL,
    vignette TEXT,
    statut TEXT NOT NULL CHECK (statut IN ('disponible', 'en_course', 'pause', 'hors_service')),
    chauffeur_id UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, plaque),
    UNIQUE (organization_id, chauffeur_id)
);

CREATE TABLE dispatch_clients (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ('entreprise', 'hotel', 'agence', 'particulier', 'autre')),
    nom TEXT NOT NULL,
    contact_email TEXT,
    contact_phone TEXT,
    adresse TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX dispatch_clients_org_idx ON dispatch_clients (organization_id, nom);

CREATE TABLE commande_counters (
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (organization_id, year)
);

CREATE TABLE commandes (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    reference TEXT NOT NULL,
    client_id UUID REFERENCES dispatch_clients (id),
    prise_en_charge TEXT NOT NULL,
    destination TEXT NOT NULL,
    date_iso TIMESTAMPTZ NOT NULL,
    duree_minutes INTEGER NOT NULL CHECK (duree_minutes BETWEEN 5 AND 1440),
    passagers INTEGER NOT NULL CHECK (passagers BETWEEN 1 AND 8),
    bagages INTEGER NOT NULL CHECK (bagages BETWEEN 0 AND 20),
    vol TEXT,
    taxi_id UUID REFERENCES taxis (id),
    chauffeur_id UUID REFERENCES users (id),
    statut TEXT NOT NULL CHECK (statut IN ('en_attente', 'proposee', 'assignee', 'en_cours', 'terminee', 'annulee')),
    source TEXT NOT NULL CHECK (source IN ('back_office', 'public')),
    contact_nom TEXT,
    contact_email TEXT,
    contact_telephone TEXT,
    motif_annulation TEXT,
    sla_alerte BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, reference)
);

CREATE INDEX commandes_planning_idx ON commandes (organization_id, date_iso);
CREATE INDEX commandes_taxi_idx ON commandes (taxi_id, date_iso);
CREATE INDEX commandes_chauffeur_idx ON commandes (chauffeur_id, date_iso);
CREATE INDEX commandes_pool_idx ON commandes (statut, created_at) WHERE statut = 'en_attente';

CREATE TABLE demandes (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    commande_id UUID NOT NULL REFERENCES commandes (id),
    taxi_id UUID NOT NULL REFERENCES taxis (id),
    chauffeur_id UUID NOT NULL REFERENCES users (id),
    statut TEXT NOT NULL CHECK (statut IN ('en_attente', 'acceptee', 'refusee', 'retiree')),
    motif TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ
);

-- At most one open offer per ride.
CREATE UNIQUE INDEX demandes_open_idx ON demandes (commande_id) WHERE statut = 'en_attente';
CREATE INDEX demandes_chauffeur_idx ON demandes (chauffeur_id, statut, created_at);
