package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.relationship.Associations;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;

/**
 * The environment's site as a site folder again: its rows as records (with what the import kept beside them), written
 * by the site-folder module in the layout the site was imported from, or the standard layout for a site that came
 * from the Web API or the demo. Import then export gives the same files; a site edited through the Web API can go
 * back to git and {@code pac pages upload}.
 */
@Component
class SiteExporter {

    private static final List<String> ENHANCED_TABLES =
            List.of("powerpagesite", "powerpagesitelanguage", "powerpagecomponent");

    private final RowStore rows;
    private final EnvironmentSchemas schemas;
    private final SiteBook book;
    private final Associations associations;
    private final SiteFolders folders;

    SiteExporter(
            RowStore rows, EnvironmentSchemas schemas, SiteBook book, Associations associations, SiteFolders folders) {
        this.rows = rows;
        this.schemas = schemas;
        this.book = book;
        this.associations = associations;
        this.folders = folders;
    }

    /** The site of the current environment as records. */
    SiteContent content() {
        StoreSchema schema = schemas.current();
        Optional<SiteBook.Imported> imported = book.imported();
        DataModel model = imported.map(SiteBook.Imported::dataModel).orElseGet(() -> guessModel(schema));
        FolderLayout layout = imported.map(SiteBook.Imported::layout)
                .orElse(model == DataModel.ENHANCED ? FolderLayout.ENHANCED_YAML : FolderLayout.STANDARD_YAML);
        Map<String, SiteBook.Entry> entries = book.load();
        List<SiteRecord> records = new ArrayList<>();
        for (TableDefinition table : schema.siteTables()) {
            if (schema.intersectOf(table).isPresent()
                    || ENHANCED_TABLES.contains(table.logicalName()) != (model == DataModel.ENHANCED)) {
                continue;
            }
            List<ManyToManyDefinition> own = schema.manyToMany(table).stream()
                    .filter(r -> r.viewOf() == null && r.table1().equals(table.logicalName()))
                    .toList();
            for (Map<String, Object> row : rows.all(table)) {
                if (table.logicalName().equals("annotation")
                        && !"adx_webfile".equalsIgnoreCase(String.valueOf(row.get("objecttypecode")))) {
                    continue;
                }
                UUID id = (UUID) row.get(table.primaryId());
                SiteBook.Entry entry = entries.get(SiteBook.Entry.key(table.logicalName(), id.toString()));
                Map<String, List<String>> links = new LinkedHashMap<>();
                for (ManyToManyDefinition relationship : schema.manyToMany(table)) {
                    boolean listed = own.contains(relationship)
                            || (entry != null && entry.columns().contains(relationship.name()));
                    if (listed && relationship.viewOf() == null) {
                        links.put(
                                relationship.name(),
                                associations.linked(relationship, table, id).stream()
                                        .map(UUID::toString)
                                        .toList());
                    }
                }
                records.add(SiteRows.record(table, row, entry, links, own));
            }
        }
        for (SiteBook.Entry entry : entries.values()) {
            if (schema.table(entry.entity()).isEmpty()
                    || schema.view(schema.table(entry.entity()).get()).isPresent()) {
                records.add(SiteRows.record(entry));
            }
        }
        Path root = imported.map(SiteBook.Imported::directory).map(Path::of).orElse(Path.of("site"));
        return new SiteContent(model, layout, root, records, List.of());
    }

    /** The site folder, zipped (paths relative to the folder, with forward slashes). */
    byte[] zip() {
        SiteContent content = content();
        Path folder = null;
        try {
            folder = Files.createTempDirectory("site-export");
            folders.write(content, folder);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes);
                    Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(
                            new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (folder != null) {
                delete(folder);
            }
        }
    }

    private DataModel guessModel(StoreSchema schema) {
        boolean enhanced =
                schema.table("powerpagesite").map(t -> !rows.isEmpty(t)).orElse(false);
        boolean standard =
                schema.table("adx_website").map(t -> !rows.isEmpty(t)).orElse(false);
        return enhanced && !standard ? DataModel.ENHANCED : DataModel.STANDARD;
    }

    private static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
