-- Frontline Claims on PostgreSQL/PostGIS, version 4: maps imported into the database.
--
-- `digest` names a map's content (its kind, source and polygons per class, as
-- geo.db.maps.map_digest computes it), so importing the same map again writes nothing and
-- is no new version. `revision` moves whenever the map's stored rows change after its
-- first insert (a re-import with other content, or `since` of its place classes brought up
-- to date by an earlier map imported later): readers that keep a map's files per
-- (id, revision) know when to write them again. Both are audited with the row.

ALTER TABLE map_snapshots
    ADD COLUMN digest text NOT NULL DEFAULT '',
    ADD COLUMN revision integer NOT NULL DEFAULT 0;

