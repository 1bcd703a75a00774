-- Frontline Claims on PostgreSQL/PostGIS, version 3: the change counter moves only when a
-- write changed rows.
--
-- The audit triggers are per statement, and a statement trigger fires even when its
-- statement touched no row: an accept whose every claim was a duplicate (an INSERT ...
-- WHERE NOT EXISTS that inserted nothing) bumped data_version, so every app server holding
-- a snapshot reloaded for nothing, and a `watch` loop re-reading a feed made them reload on
-- each pass. The files' version does not move then; now the database's does not either.

CREATE OR REPLACE FUNCTION audit_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    key text := TG_ARGV[0];
    audited bigint;
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
    GET DIAGNOSTICS audited = ROW_COUNT;  -- one audit row per changed row
    IF audited > 0 THEN
        UPDATE data_version SET version = version + 1, changed_at = clock_timestamp();
    END IF;
    RETURN NULL;
END $$;
