package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.relationship.Associations;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import dev.powerpages.emulator.store.seed.DemoSeeder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Writes a site folder's rows into the current environment, all or nothing (one transaction), as a diff: a row the
 * folder does not have yet is created, a row whose file says something new is updated (it gets a new row version),
 * a row whose file went away is deleted (leaving a change-tracking tombstone), and every other row is left alone with
 * its version, so an app node's delta link shows exactly what was edited.
 * <ul>
 * <li>At start-up the site tables become the folder: rows the folder does not have (the demo site, rows created
 * through the Web API before) are deleted, and rows changed through the Web API since the last import are written
 * again from their files.</li>
 * <li>While the folder is watched, only what the edit changed is written: rows created or edited through the Web API
 * meanwhile stay until their own file changes, and a folder row deleted through the Web API comes back.</li>
 * </ul>
 */
@Component
class SiteImporter {

    enum Mode {
        STARTUP,
        EDIT
    }

    private final RowStore rows;
    private final EnvironmentSchemas schemas;
    private final SiteBook book;
    private final Associations associations;
    private final DemoSeeder seeder;

    SiteImporter(
            RowStore rows, EnvironmentSchemas schemas, SiteBook book, Associations associations, DemoSeeder seeder) {
        this.rows = rows;
        this.schemas = schemas;
        this.book = book;
        this.associations = associations;
        this.seeder = seeder;
    }

    ImportReport importSite(SiteContent content, String directory, Mode mode) {
        long started = System.nanoTime();
        StoreSchema schema = schemas.current();
        SiteRows.Plan plan = SiteRows.plan(content, schema);
        int[] counts = new int[4]; // created, updated, deleted, unchanged
        rows.inTransaction(() -> {
            Map<String, SiteBook.Entry> previous = book.load();
            Map<String, Map<UUID, Long>> versions = new HashMap<>();
            List<SiteBook.Entry> written = new ArrayList<>();
            Set<String> wanted = new HashSet<>();
            for (SiteRows.Desired row : plan.rows()) {
                wanted.add(row.entry().key());
                SiteBook.Entry before = previous.get(row.entry().key());
                boolean sameFile =
                        before != null && before.hash().equals(row.entry().hash());
                if (mode == Mode.EDIT && sameFile) {
                    counts[3]++; // an edit touches only what its files changed: nothing to read or write here
                    continue;
                }
                Long current = mode == Mode.STARTUP
                        ? versions.computeIfAbsent(row.table().logicalName(), t -> rows.versions(row.table()))
                                .get(row.id())
                        : rows.exists(row.table(), row.id()) ? Long.valueOf(-1) : null;
                long version;
                try {
                    if (current == null) {
                        version = rows.insert(row.table(), row.id(), row.values());
                        syncLinks(row, before);
                        counts[0]++;
                    } else if (!sameFile || !current.equals(before.version())) {
                        version = rows.update(row.table(), row.id(), row.values(), null)
                                .orElseThrow();
                        syncLinks(row, before);
                        counts[1]++;
                    } else {
                        counts[3]++;
                        continue; // start-up, and the row is as the last import left it
                    }
                } catch (DataAccessException e) {
                    // the database refused a value: name the file, and nothing of the import stays (the transaction
                    // rolls back)
                    throw new SiteFolderException(
                            row.source(),
                            row.table().logicalName() + " " + row.id() + " cannot be stored: "
                                    + e.getMostSpecificCause()
                                            .getMessage()
                                            .lines()
                                            .findFirst()
                                            .orElse(""),
                            e);
                }
                written.add(row.entry().withVersion(version));
            }
            for (SiteBook.Entry entry : plan.unknownTableRows()) {
                wanted.add(entry.key());
                SiteBook.Entry before = previous.get(entry.key());
                if (before == null || !before.hash().equals(entry.hash())) {
                    written.add(entry);
                }
            }
            counts[2] = mode == Mode.STARTUP ? deleteAllBut(schema, wanted) : deleteGone(schema, previous, wanted);
            List<String> gone = previous.keySet().stream()
                    .filter(key -> !wanted.contains(key))
                    .toList();
            book.update(written, gone);
            book.saveImported(directory, content.layout(), content.dataModel());
            return null;
        });
        List<ImportReport.Note> notes = new ArrayList<>();
        content.notes().forEach(note -> notes.add(ImportReport.Note.of(note)));
        plan.notes().forEach(note -> notes.add(ImportReport.Note.of(note)));
        return new ImportReport(
                directory,
                content.layout().name(),
                content.dataModel().name(),
                Instant.now(),
                (System.nanoTime() - started) / 1_000_000,
                plan.rowsPerTable(),
                new ImportReport.Changes(counts[0], counts[1], counts[2], counts[3]),
                notes,
                plan.columnsNotInSchema(),
                plan.tablesNotInSchema());
    }

    /**
     * The demo site again, in place of an imported one (the store was started without a folder after one with):
     * the site tables are emptied and the seed's rows written back.
     */
    void restoreDemoSite() {
        rows.inTransaction(() -> {
            deleteAllBut(schemas.current(), Set.of());
            book.clear();
            seeder.reload();
            return null;
        });
    }

    /** Makes the row's associations the ones its file lists (only those seen from its own side). */
    private void syncLinks(SiteRows.Desired row, SiteBook.Entry before) {
        Map<ManyToManyDefinition, List<UUID>> wanted = new java.util.LinkedHashMap<>(row.links());
        if (before != null) {
            // a relationship the file listed before and no longer lists has no associations left
            for (ManyToManyDefinition relationship : schemas.current().manyToMany(row.table())) {
                if (before.columns().contains(relationship.name()) && !wanted.containsKey(relationship)) {
                    wanted.put(relationship, List.of());
                }
            }
        }
        wanted.forEach((relationship, ids) -> {
            boolean first = relationship.table1().equals(row.table().logicalName());
            Set<UUID> current = new LinkedHashSet<>(associations.linked(relationship, row.table(), row.id()));
            for (UUID other : ids) {
                if (!current.remove(other)) {
                    associations.associatePair(relationship, first ? row.id() : other, first ? other : row.id());
                }
            }
            for (UUID gone : current) {
                associations.disassociatePair(relationship, first ? row.id() : gone, first ? gone : row.id());
            }
        });
    }

    /** Start-up: the site tables hold the folder's rows and nothing else. */
    private int deleteAllBut(StoreSchema schema, Set<String> wanted) {
        int deleted = 0;
        for (TableDefinition table : schema.siteTables()) {
            if (schema.intersectOf(table).isPresent()) {
                continue; // associations go with their rows
            }
            for (UUID id : siteRowIds(table)) {
                if (!wanted.contains(SiteBook.Entry.key(table.logicalName(), id.toString()))
                        && rows.delete(table, id)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** An edit: the rows of the last import whose files went away. */
    private int deleteGone(StoreSchema schema, Map<String, SiteBook.Entry> previous, Set<String> wanted) {
        int deleted = 0;
        for (SiteBook.Entry entry : previous.values()) {
            if (wanted.contains(entry.key()) || entry.version() == null) {
                continue;
            }
            TableDefinition table = schema.table(entry.entity()).orElse(null);
            if (table != null && rows.delete(table, UUID.fromString(entry.idText()))) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Notes are the site's only where they are web files' content (objecttypecode adx_webfile). */
    private List<UUID> siteRowIds(TableDefinition table) {
        if (table.logicalName().equals("annotation")) {
            return rows.idsWhere(table, table.column("objecttypecode").orElseThrow(), "adx_webfile");
        }
        return new ArrayList<>(rows.versions(table).keySet());
    }
}
