package dev.powerpages.emulator.sitefolder.solution;

import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.COMPONENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.COMPONENT_ID;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.CONTENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_MIME_TYPE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.TYPE;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import dev.powerpages.emulator.sitefolder.kinds.ContentJson;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the Power Pages site in an unpacked solution ({@code pac solution unpack}): one
 * {@code powerpagecomponents/<id>/powerpagecomponent.xml} per component, a web file's bytes in
 * {@code powerpagecomponents/<id>/filecontent/<name>}, the site and its languages in
 * {@code Assets/powerpagesites.xml} and {@code Assets/powerpagesitelanguages.xml} (or one folder each under
 * {@code powerpagesites/} and {@code powerpagesitelanguages/}). Every column element becomes the column of that name;
 * a lookup ({@code <powerpagesiteid><powerpagesiteid>id</…></…>}) becomes the id it holds.
 */
public final class SolutionXmlReader {

    static final String COMPONENTS = "powerpagecomponents";
    static final String COMPONENT_FILE = "powerpagecomponent.xml";
    static final String FILE_FOLDER = "filecontent";
    static final Path SITES_ASSET = Path.of("Assets", "powerpagesites.xml");
    static final Path LANGUAGES_ASSET = Path.of("Assets", "powerpagesitelanguages.xml");

    /** Columns whose text is a whole number in Dataverse (choices, states, the language's LCID). */
    private static final Set<String> NUMBER_COLUMNS = Set.of(TYPE, "statecode", "statuscode", "iscustomizable", "lcid");

    private final Path root;
    private final List<ImportNote> notes;
    private final List<SiteRecord> records = new ArrayList<>();
    private final Set<Path> read = new HashSet<>();

    private SolutionXmlReader(Path root, List<ImportNote> notes) {
        this.root = root;
        this.notes = new ArrayList<>(notes);
    }

    /** @param root the folder holding {@code powerpagecomponents/} (a solution's {@code src/}) */
    public static SiteContent read(Path root, List<ImportNote> notes) {
        return new SolutionXmlReader(root, notes).read();
    }

    private SiteContent read() {
        List<SiteRecord> sites = readRows(SITES_ASSET, "powerpagesites", SITE, "powerpagesite");
        if (sites.isEmpty()) {
            throw new SiteFolderException(
                    new SourceLocation(SITES_ASSET, 0),
                    "this solution has powerpagecomponents/ but no website record (no powerpagesite in " + SITES_ASSET
                            + " or powerpagesites/)");
        }
        if (sites.size() > 1) {
            throw new SiteFolderException(
                    sites.get(1).source(),
                    "this solution holds " + sites.size()
                            + " Power Pages sites ("
                            + sites.stream()
                                    .map(site -> String.valueOf(site.columns().get(NAME)))
                                    .toList() + "); a site folder is one site");
        }
        records.addAll(sites);
        records.addAll(readRows(LANGUAGES_ASSET, "powerpagesitelanguages", SITE_LANGUAGE, "powerpagesitelanguage"));
        readComponents();
        noteOtherFiles();
        return new SiteContent(
                DataModel.ENHANCED, FolderLayout.SOLUTION_XML, root, List.copyOf(records), List.copyOf(notes));
    }

    /** Rows from an Assets file listing them, or from one folder per row. */
    private List<SiteRecord> readRows(Path asset, String folder, String table, String element) {
        List<SiteRecord> rows = new ArrayList<>();
        if (Files.isRegularFile(root.resolve(asset))) {
            read.add(asset);
            XmlElement list = XmlElement.parse(root.resolve(asset), asset);
            for (XmlElement row : list.children()) {
                if (row.name().equals(element)) {
                    rows.add(row(row, table, table + "id", asset));
                }
            }
        }
        for (Path file : files(Path.of(folder))) {
            if (file.getFileName().toString().equals(element + ".xml")) {
                read.add(file);
                XmlElement row = XmlElement.parse(root.resolve(file), file);
                rows.add(row(row, table, table + "id", file));
            }
        }
        return rows;
    }

    private void readComponents() {
        Path components = Path.of(COMPONENTS);
        for (Path folder : children(components)) {
            Path file = folder.resolve(COMPONENT_FILE);
            if (!Files.isRegularFile(root.resolve(file))) {
                continue;
            }
            read.add(file);
            XmlElement element = XmlElement.parse(root.resolve(file), file);
            if (!element.name().equals(COMPONENT)) {
                throw new SiteFolderException(
                        new SourceLocation(file, element.line()),
                        "expected a <powerpagecomponent> element, found <" + element.name() + ">");
            }
            SiteRecord component = row(element, COMPONENT, COMPONENT_ID, file);
            if (!(component.columns().get(TYPE) instanceof Long type)) {
                throw new SiteFolderException(
                        new SourceLocation(file, element.line()), "the component has no powerpagecomponenttype");
            }
            if (RowKind.ofComponentType(type.intValue()).isEmpty()) {
                notes.add(new ImportNote(
                        ImportNote.Kind.UNUSED_KIND,
                        component.source(),
                        "component type " + type + " is not one the emulator uses; imported as it is"));
            }
            records.add(component);
        }
    }

    private SiteRecord row(XmlElement element, String table, String idAttribute, Path file) {
        SourceLocation source = new SourceLocation(file, element.line());
        String id = element.attributes().get(idAttribute);
        if (id == null || id.isBlank()) {
            throw new SiteFolderException(source, "<" + element.name() + "> has no " + idAttribute + " attribute");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (XmlElement column : element.children()) {
            String name = column.name();
            if (name.equals(CONTENT)) {
                try {
                    ContentJson.read(column.text());
                } catch (IllegalArgumentException e) {
                    throw new SiteFolderException(
                            new SourceLocation(file, column.line()), "the content column is " + e.getMessage(), e);
                }
                columns.put(CONTENT, column.text());
            } else if (name.equals(FILE_CONTENT)) {
                readFileContent(column, file, columns);
            } else if (column.child(name).isPresent()) {
                columns.put(name, column.child(name).get().text().strip());
            } else if (NUMBER_COLUMNS.contains(name) && column.text().strip().matches("-?\\d{1,18}")) {
                columns.put(name, Long.valueOf(column.text().strip()));
            } else {
                columns.put(name, column.text());
            }
        }
        return new SiteRecord(table, id, Collections.unmodifiableMap(columns), source);
    }

    /**
     * {@code <filecontent mimetype="image/png">logo.png</filecontent>}: the bytes are in {@code filecontent/logo.png}.
     * A solution kept in git may leave a file out on purpose (a bundle its build puts there): the component is
     * imported without content, with a note, rather than refusing the site.
     */
    private void readFileContent(XmlElement column, Path file, Map<String, Object> columns) {
        String name = column.text().strip();
        Path content = file.resolveSibling(FILE_FOLDER).resolve(name.isEmpty() ? "?" : name);
        if (!name.isEmpty() && Files.isRegularFile(root.resolve(content))) {
            read.add(content);
            try {
                columns.put(FILE_CONTENT, Files.readAllBytes(root.resolve(content)));
            } catch (IOException e) {
                throw new SiteFolderException(new SourceLocation(content, 0), "cannot read: " + e.getMessage(), e);
            }
        } else {
            notes.add(new ImportNote(
                    ImportNote.Kind.OTHER,
                    new SourceLocation(file, column.line()),
                    "the file content " + content + " is missing (left out of the folder?); the component is imported"
                            + " without it"));
        }
        columns.put(FILE_CONTENT_NAME, name);
        if (column.attributes().containsKey("mimetype")) {
            columns.put(FILE_CONTENT_MIME_TYPE, column.attributes().get("mimetype"));
        }
    }

    /** The solution's other parts (tables, flows, bots …) are not the site: one note per top-level entry. */
    private void noteOtherFiles() {
        for (Path entry : children(Path.of(""))) {
            String name = entry.getFileName().toString();
            if (name.equals(COMPONENTS) || name.equals("powerpagesites") || name.equals("powerpagesitelanguages")) {
                for (Path file : files(entry)) {
                    noteIfUnread(file);
                }
            } else if (name.equals("Assets")) {
                for (Path file : files(entry)) {
                    noteIfUnread(file);
                }
            } else {
                notes.add(new ImportNote(
                        ImportNote.Kind.UNUSED_KIND,
                        new SourceLocation(entry, 0),
                        "a part of the solution that is not the Power Pages site; not read"));
            }
        }
    }

    private void noteIfUnread(Path file) {
        if (!read.contains(file)) {
            notes.add(new ImportNote(
                    ImportNote.Kind.UNUSED_KIND,
                    new SourceLocation(file, 0),
                    "not a file of the site's rows; not read"));
        }
    }

    private List<Path> children(Path folder) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            TreeMap<String, Path> sorted = new TreeMap<>();
            entries.forEach(entry -> sorted.put(entry.getFileName().toString(), root.relativize(entry)));
            return new ArrayList<>(sorted.values());
        } catch (IOException e) {
            throw new SiteFolderException(new SourceLocation(folder, 0), "cannot list: " + e.getMessage(), e);
        }
    }

    private List<Path> files(Path folder) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SiteFolderException(new SourceLocation(folder, 0), "cannot list: " + e.getMessage(), e);
        }
    }
}
