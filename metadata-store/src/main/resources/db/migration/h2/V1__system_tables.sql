-- The store's fixed system objects. The schema's own tables are data (schema/tables.yaml) and are
-- generated at start-up by SchemaMigrator after this migration, so they are not Flyway's.
-- IF NOT EXISTS: stores created before Flyway came in already hold these objects; Flyway baselines
-- them at version 0 (spring.flyway.baseline-on-migrate) and this migration then finds them there.

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
