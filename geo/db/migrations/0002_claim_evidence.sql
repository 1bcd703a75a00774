-- Frontline Claims on PostgreSQL/PostGIS, version 2: each accepted claim's evidence (the
-- report's own sentence it was accepted from), as the files keep it in claims-evidence.csv.
--
-- A table of its own rather than a column on claims, for three reasons:
-- * it is the side file's shape: one row per line in the file's order (`entry`), with its
--   quoting (`quoted`), so a dump writes the file back byte for byte, a second line for the
--   same claim included (the file store reads the last one);
-- * adding evidence to a claim later is an INSERT here, never an UPDATE of the claim: the
--   claims table and its audit rows change only when a claim does (the side file's reason);
-- * the long texts stay out of claims, which the page's mirror dumps on every change.
-- Its audit rows are keyed by the claim id, so a claim's history shows its evidence too.

CREATE TABLE claim_evidence (
    entry bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT claim_evidence_pkey PRIMARY KEY,
    quoted integer NOT NULL DEFAULT 0,
    claim_id text NOT NULL CONSTRAINT claim_evidence_claim_fkey REFERENCES claims (id),
    evidence text NOT NULL
);
CREATE INDEX claim_evidence_claim ON claim_evidence (claim_id);

CREATE TRIGGER claim_evidence_audit_insert AFTER INSERT ON claim_evidence
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION audit_rows('claim_id', 'entry');
CREATE TRIGGER claim_evidence_audit_update AFTER UPDATE ON claim_evidence
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION audit_rows('claim_id', 'entry');
CREATE TRIGGER claim_evidence_audit_delete AFTER DELETE ON claim_evidence
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION audit_rows('claim_id', 'entry');
