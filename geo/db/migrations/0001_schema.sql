-- Frontline Claims on PostgreSQL/PostGIS, version 1: the tables of the file store, with the
-- rules of geo/dataset/load.py that a database can hold as constraints, and an append-only
-- audit log written by triggers (so no writer can forget it).

CREATE EXTENSION IF NOT EXISTS postgis;

-- who is writing: `SET LOCAL frontline.actor = 'name'` (geo.db.connect does it per transaction)
CREATE FUNCTION frontline_actor() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('frontline.actor', true), ''), session_user::text)
$$;

CREATE TABLE claimants (
    entry bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    quoted integer NOT NULL DEFAULT 0,
    id text CONSTRAINT claimants_pkey PRIMARY KEY
        CONSTRAINT claimants_id_format CHECK (id ~ '^[a-z0-9][a-z0-9_\-]*$'),
    name text NOT NULL CONSTRAINT claimants_name_required CHECK (name <> ''),
    short text CONSTRAINT claimants_short_length CHECK (char_length(short) <= 20),
    side text NOT NULL CONSTRAINT claimants_side_vocab
        CHECK (side IN ('ru', 'ua', 'independent')),
    kind text NOT NULL CONSTRAINT claimants_kind_vocab
        CHECK (kind IN ('government', 'military', 'osint', 'analyst', 'media')),
    url text CONSTRAINT claimants_url_format CHECK (url ~ '^https?://[^\s<>"''`]+$')
);

-- the national places table (data/places.parquet, GeoNames)
CREATE TABLE places (
    geonameid bigint CONSTRAINT places_pkey PRIMARY KEY,
    id text NOT NULL CONSTRAINT places_id_key UNIQUE,
    name text NOT NULL,
    name_uk text NOT NULL DEFAULT '',
    name_ru text NOT NULL DEFAULT '',
    alternatenames text NOT NULL DEFAULT '',
    oblast text NOT NULL DEFAULT '',
    raion text NOT NULL DEFAULT '',
    population bigint NOT NULL DEFAULT 0 CONSTRAINT places_population_range
        CHECK (population >= 0),
    lat double precision NOT NULL CONSTRAINT places_lat_range CHECK (lat BETWEEN -90 AND 90),
    lon double precision NOT NULL CONSTRAINT places_lon_range CHECK (lon BETWEEN -180 AND 180),
    feature_code text NOT NULL DEFAULT '',
    geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326))
        STORED
);
CREATE INDEX places_geom ON places USING gist (geom);

-- the curated settlements (settlements.csv); numbers kept as written (numeric keeps the scale)
CREATE TABLE settlements (
    entry bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    quoted integer NOT NULL DEFAULT 0,
    id text CONSTRAINT settlements_pkey PRIMARY KEY
        CONSTRAINT settlements_id_format CHECK (id ~ '^[a-z0-9][a-z0-9_\-]*$'),
    name text NOT NULL CONSTRAINT settlements_name_required CHECK (name <> ''),
    name_uk text,
    aliases text,
    oblast text NOT NULL CONSTRAINT settlements_oblast_required CHECK (oblast <> ''),
    kind text NOT NULL CONSTRAINT settlements_kind_vocab
        CHECK (kind IN ('city', 'town', 'village', 'settlement', 'station')),
    population numeric CONSTRAINT settlements_population_range
        CHECK (population >= 0 AND population <= 50000000 AND population = trunc(population)),
    lat numeric NOT NULL CONSTRAINT settlements_lat_range CHECK (lat BETWEEN 44.3 AND 52.4),
    lon numeric NOT NULL CONSTRAINT settlements_lon_range CHECK (lon BETWEEN 22.1 AND 40.3),
    -- one settlement per GeoNames place
    geonames_id bigint CONSTRAINT settlements_geonames_id_key UNIQUE
        CONSTRAINT settlements_geonames_id_range CHECK (geonames_id >= 1),
    geom geometry(Point, 4326) GENERATED ALWAYS AS (
        ST_SetSRID(ST_MakePoint(lon::double precision, lat::double precision), 4326)) STORED
);
CREATE INDEX settlements_geom ON settlements USING gist (geom);

-- claims.csv; settlement_id as written, resolved to exactly one curated settlement or place
CREATE TABLE claims (
    entry bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    quoted integer NOT NULL DEFAULT 0,
    id text CONSTRAINT claims_pkey PRIMARY KEY
        CONSTRAINT claims_id_format CHECK (id ~ '^[a-z0-9][a-z0-9_\-]*$'),
    date date NOT NULL,
    settlement_id text NOT NULL,
    settlement_ref text CONSTRAINT claims_settlement_fkey REFERENCES settlements (id),
    place_ref bigint CONSTRAINT claims_place_fkey REFERENCES places (geonameid),
    claimant text NOT NULL CONSTRAINT claims_claimant_fkey REFERENCES claimants (id),
    status text NOT NULL CONSTRAINT claims_status_vocab
        CHECK (status IN ('ukrainian', 'contested', 'russian')),
    extent text NOT NULL CONSTRAINT claims_extent_vocab CHECK (extent IN ('full', 'partial')),
    part text,
    encircled boolean,
    summary text NOT NULL CONSTRAINT claims_summary_required CHECK (summary <> ''),
    source text NOT NULL CONSTRAINT claims_source_required CHECK (source <> ''),
    source_url text CONSTRAINT claims_source_url_format
        CHECK (source_url ~ '^https?://[^\s<>"''`]+$'),
    source_date date,
    channel text CONSTRAINT claims_channel_vocab CHECK (channel IN
        ('bulletin', 'briefing', 'spokesperson', 'statement', 'map', 'assessment')),
    CONSTRAINT claims_place_resolved CHECK (
        (settlement_ref IS NOT NULL AND place_ref IS NULL
         AND (settlement_id = settlement_ref OR settlement_id ~ '^gn-[0-9]+$'))
        OR (place_ref IS NOT NULL AND settlement_ref IS NULL
            AND settlement_id = 'gn-' || place_ref::text))
);
CREATE INDEX claims_key ON claims (settlement_id, claimant, date, status);
CREATE INDEX claims_date ON claims (date, entry);

-- territory.csv
CREATE TABLE territory (
    entry bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT territory_pkey PRIMARY KEY,
    quoted integer NOT NULL DEFAULT 0,
    date date NOT NULL,
    claimant text NOT NULL CONSTRAINT territory_claimant_fkey REFERENCES claimants (id),
    share_pct numeric NOT NULL CONSTRAINT territory_share_pct_range
        CHECK (share_pct BETWEEN 0 AND 100),
    qualifier text NOT NULL CONSTRAINT territory_qualifier_vocab
        CHECK (qualifier IN ('more_than', 'about', 'exactly', 'less_than')),
    area_km2 numeric CONSTRAINT territory_area_km2_range
        CHECK (area_km2 BETWEEN 0 AND 663990.8),
    denominator_km2 numeric CONSTRAINT territory_denominator_km2_range
        CHECK (denominator_km2 BETWEEN 1 AND 10000000),
    includes text,
    summary text NOT NULL CONSTRAINT territory_summary_required CHECK (summary <> ''),
    source text NOT NULL CONSTRAINT territory_source_required CHECK (source <> ''),
    source_url text CONSTRAINT territory_source_url_format
        CHECK (source_url ~ '^https?://[^\s<>"''`]+$'),
    refers_to date,
    -- one figure per claimant, day stated, share and day described (the accept key)
    CONSTRAINT territory_figure_key UNIQUE NULLS NOT DISTINCT
        (claimant, date, share_pct, refers_to)
);

-- `quoted` (claimants, settlements, claims, territory): bit i set when the row's field i (in
-- the file's column order) was written in double quotes, so a dump gives the bytes back

-- stored control maps: one row per map, its figures, its polygons per class, its places
CREATE TABLE map_snapshots (
    id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT map_snapshots_pkey PRIMARY KEY,
    claimant text NOT NULL CONSTRAINT map_snapshots_claimant_fkey REFERENCES claimants (id),
    date date NOT NULL,
    kind text NOT NULL,
    source text NOT NULL,
    imported_at text NOT NULL,
    occupied_km2 double precision, occupied_pct double precision, grey_km2 double precision,
    occupied_with_grey_km2 double precision, occupied_with_grey_pct double precision,
    pre2022_km2 double precision, since2022_km2 double precision,
    since2022_pct double precision, liberated_km2 double precision,
    denominator_km2 double precision,
    CONSTRAINT map_snapshots_date_key UNIQUE (claimant, date)
);

CREATE TABLE map_polygons (
    snapshot bigint NOT NULL CONSTRAINT map_polygons_snapshot_fkey
        REFERENCES map_snapshots (id) ON DELETE CASCADE,
    class text NOT NULL CONSTRAINT map_polygons_class_vocab
        CHECK (class IN ('occupied', 'pre2022', 'grey', 'liberated')),
    geom geometry(Geometry, 4326) NOT NULL CONSTRAINT map_polygons_polygonal
        CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')),
    CONSTRAINT map_polygons_pkey PRIMARY KEY (snapshot, class)
);
CREATE INDEX map_polygons_geom ON map_polygons USING gist (geom);

-- each place's class on each map (codes of geo.maps.placeclasses.CODES) and since when
CREATE TABLE map_place_classes (
    snapshot bigint NOT NULL CONSTRAINT map_place_classes_snapshot_fkey
        REFERENCES map_snapshots (id) ON DELETE CASCADE,
    place text NOT NULL CONSTRAINT map_place_classes_place_fkey REFERENCES places (id),
    class smallint NOT NULL CONSTRAINT map_place_classes_class_vocab
        CHECK (class IN (0, 1, 2, 3, 4, 255)),
    since date NOT NULL,
    CONSTRAINT map_place_classes_pkey PRIMARY KEY (snapshot, place)
);

-- source documents with their provenance (geo.ingest.documents) and their raw bytes
CREATE TABLE raw_documents (
    sha256 text CONSTRAINT raw_documents_pkey PRIMARY KEY
        CONSTRAINT raw_documents_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes bytea NOT NULL,
    CONSTRAINT raw_documents_hash CHECK (encode(sha256(bytes), 'hex') = sha256)
);

CREATE TABLE source_documents (
    key text CONSTRAINT source_documents_pkey PRIMARY KEY,
    source text NOT NULL,
    publisher text NOT NULL,
    url text NOT NULL,
    published text NOT NULL,
    fetched text NOT NULL,
    sha256 text NOT NULL CONSTRAINT source_documents_raw_fkey REFERENCES raw_documents (sha256),
    status text NOT NULL DEFAULT 'done' CONSTRAINT source_documents_status_vocab
        CHECK (status IN ('done', 'error')),
    error text NOT NULL DEFAULT '',
    attachments jsonb NOT NULL DEFAULT '[]',
    claims jsonb NOT NULL DEFAULT '[]',
    figures jsonb NOT NULL DEFAULT '[]',
    notes jsonb NOT NULL DEFAULT '[]'
);

-- the review queue (geo.ingest.queue): drafts waiting for an editor
CREATE TABLE review_queue (
    id text CONSTRAINT review_queue_pkey PRIMARY KEY,
    state text NOT NULL DEFAULT 'pending' CONSTRAINT review_queue_state_vocab
        CHECK (state IN ('pending', 'accepted', 'rejected')),
    document text NOT NULL CONSTRAINT review_queue_document_fkey
        REFERENCES source_documents (key),
    source text NOT NULL,
    claim jsonb NOT NULL,
    kind text NOT NULL DEFAULT 'claim',
    confidence double precision NOT NULL DEFAULT 0
        CONSTRAINT review_queue_confidence_range CHECK (confidence BETWEEN 0 AND 1),
    evidence text NOT NULL DEFAULT '',
    span integer[] NOT NULL DEFAULT '{}',
    place jsonb NOT NULL DEFAULT '{}',
    alternatives jsonb NOT NULL DEFAULT '[]',
    reason text NOT NULL DEFAULT '',
    decided text NOT NULL DEFAULT '',
    CONSTRAINT review_queue_decided CHECK ((state = 'pending') = (decided = ''))
);

-- the audit log: who, when, what, before and after; rows are only ever added
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT audit_log_pkey PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor text NOT NULL DEFAULT frontline_actor(),
    tx bigint NOT NULL DEFAULT txid_current(),
    action text NOT NULL CONSTRAINT audit_log_action_vocab
        CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    table_name text NOT NULL,
    row_key text NOT NULL,
    before jsonb,
    after jsonb
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_key);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- set-based audit triggers (transition tables: one INSERT per statement, also for a load)
CREATE FUNCTION audit_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    key text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('INSERT INTO audit_log (action, table_name, row_key, after) '
                       'SELECT %L, %L, n.%I::text, to_jsonb(n) - %L FROM new_rows n',
                       TG_OP, TG_TABLE_NAME, key, 'geom');
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('INSERT INTO audit_log (action, table_name, row_key, before) '
                       'SELECT %L, %L, o.%I::text, to_jsonb(o) - %L FROM old_rows o',
                       TG_OP, TG_TABLE_NAME, key, 'geom');
    ELSE
        EXECUTE format('INSERT INTO audit_log (action, table_name, row_key, before, after) '
                       'SELECT %L, %L, n.%I::text, to_jsonb(o) - %L, to_jsonb(n) - %L '
                       'FROM old_rows o JOIN new_rows n USING (%I)',
                       TG_OP, TG_TABLE_NAME, key, 'geom', 'geom', TG_ARGV[1]);
    END IF;
    UPDATE data_version SET version = version + 1, changed_at = clock_timestamp();
    RETURN NULL;
END $$;

-- a counter every audited write bumps (and announces), for servers holding a snapshot
CREATE TABLE data_version (
    one boolean CONSTRAINT data_version_pkey PRIMARY KEY DEFAULT true CHECK (one),
    version bigint NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
INSERT INTO data_version DEFAULT VALUES;
CREATE FUNCTION data_version_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('frontline_data', NEW.version::text);
    RETURN NULL;
END $$;
CREATE TRIGGER data_version_changed AFTER UPDATE ON data_version
    FOR EACH ROW EXECUTE FUNCTION data_version_notify();

DO $$
DECLARE
    audited text[][] := ARRAY[
        ['claimants', 'id', 'entry'], ['settlements', 'id', 'entry'],
        ['claims', 'id', 'entry'], ['territory', 'entry', 'entry'],
        ['places', 'geonameid', 'geonameid'], ['map_snapshots', 'id', 'id'],
        ['source_documents', 'key', 'key'], ['review_queue', 'id', 'id']];
    t text[];
BEGIN
    FOREACH t SLICE 1 IN ARRAY audited LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit_rows(%L, %L)',
                       t[1] || '_audit_insert', t[1], t[2], t[3]);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows '
                       'NEW TABLE AS new_rows FOR EACH STATEMENT '
                       'EXECUTE FUNCTION audit_rows(%L, %L)',
                       t[1] || '_audit_update', t[1], t[2], t[3]);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit_rows(%L, %L)',
                       t[1] || '_audit_delete', t[1], t[2], t[3]);
    END LOOP;
END $$;
