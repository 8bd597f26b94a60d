-- The store's fixed system objects on PostgreSQL. The schema's own tables are data
-- (schema/tables.yaml) and are generated at start-up by SchemaMigrator after this migration, in
-- PostgreSQL's dialect (dev.powerpages.emulator.store.data.SqlDialect).

-- Dataverse compares text case-insensitively (its SQL Server collation is case-insensitive):
-- text columns use this ICU collation, root locale at strength 2 (case-insensitive,
-- accent-sensitive, as H2's IGNORECASE). Nondeterministic, so "=" and ORDER BY honour it.
CREATE COLLATION IF NOT EXISTS "dataverse_ci" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
-- PostgreSQL 15 refuses LIKE under a nondeterministic collation: contains/startswith/endswith run
-- ILIKE under this deterministic ICU root collation instead.
CREATE COLLATION IF NOT EXISTS "dataverse_match" (provider = icu, locale = 'und');

-- Row versions (@odata.etag, change tokens) come from one sequence shared by all tables, like
-- Dataverse's global rowversion.
CREATE SEQUENCE IF NOT EXISTS "versionnumber_seq" START WITH 1000;

-- Deleted rows, for change tracking's $deletedEntity entries.
CREATE TABLE IF NOT EXISTS "_tombstone" (
    "entity" CHARACTER VARYING(64) NOT NULL,
    "id" UUID NOT NULL,
    "versionnumber" BIGINT NOT NULL,
    "deletedon" TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS "ix_tombstone_entity_version" ON "_tombstone" ("entity", "versionnumber");
