-- What the store keeps about a site imported from a folder (pac pages download), so that a re-import is a diff and
-- an export writes the folder back as it was (docs/metadata-store.md, "Site folders"). Not part of the Web API.

-- One row per row of the site: the file it came from, the columns the file wrote (in order), values of columns the
-- schema lacks, original values whose form the store's column type would change, a hash of all of it, and the row
-- version the import left (a later version means the row was changed through the Web API).
CREATE TABLE IF NOT EXISTS "_site_row" (
    "entity" CHARACTER VARYING(128) NOT NULL,
    "id" CHARACTER VARYING(128) NOT NULL,
    "record" TEXT NOT NULL,
    "hash" CHARACTER VARYING(64) NOT NULL,
    "versionnumber" BIGINT,
    PRIMARY KEY ("entity", "id")
);

-- The folder the environment's site came from: layout and data model (for the export), when.
CREATE TABLE IF NOT EXISTS "_site_import" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "directory" CHARACTER VARYING(4000),
    "layout" CHARACTER VARYING(32) NOT NULL,
    "datamodel" CHARACTER VARYING(32) NOT NULL,
    "importedon" TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
