package dev.powerpages.emulator.sitefolder.yamlfolder;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import dev.powerpages.emulator.sitefolder.kinds.EnhancedModel;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import dev.powerpages.emulator.sitefolder.yaml.SiteYaml;
import dev.powerpages.emulator.sitefolder.yaml.YamlRow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a folder in either of pac's YAML layouts. Files are recognised by name ({@code *.webpage.yml},
 * {@code sitesetting.yml}, {@code Search-Enabled.sitesetting.yml}), so the standard layout's lists at the root and
 * the enhanced layout's file per row go through the same steps; only turning a YAML row into Dataverse rows differs
 * ({@link StandardRows}, {@link ComponentRows}).
 */
public final class YamlFolderReader {

    private static final Path WEBSITE_YML = Path.of("website.yml");
    private static final String WEB_FILE_SUFFIX = ".webfile.yml";

    private final Path root;
    private final FolderLayout layout;
    private final boolean enhanced;
    private final SiteYaml yaml = new SiteYaml();
    private final List<ImportNote> notes;
    private final Set<Path> files = new HashSet<>();
    private final Set<Path> consumed = new HashSet<>();
    private final List<Duplicates.Group> groups = new ArrayList<>();
    private final Map<String, Map<String, Object>> portalLanguages = new HashMap<>();
    private final List<YamlRow> siteLanguages = new ArrayList<>();
    private final Map<String, String> manifestNames = new HashMap<>();

    private YamlFolderReader(Path root, FolderLayout layout, List<ImportNote> notes) {
        this.root = root;
        this.layout = layout;
        this.enhanced = layout == FolderLayout.ENHANCED_YAML;
        this.notes = new ArrayList<>(notes);
    }

    /**
     * @param root  the folder holding website.yml
     * @param notes notes already made about the folder (a code site's other files)
     */
    public static SiteContent read(Path root, FolderLayout layout, List<ImportNote> notes) {
        if (layout == FolderLayout.SOLUTION_XML) {
            throw new IllegalArgumentException("not a YAML layout: " + layout);
        }
        return new YamlFolderReader(root, layout, notes).read();
    }

    private SiteContent read() {
        FolderScan scan = FolderScan.of(root);
        notes.addAll(scan.notes());
        files.addAll(scan.siteFiles());
        readManifests();
        String siteId = readWebsite();
        for (Path file : scan.siteFiles()) {
            Optional<RowKind> kind = RowKind.ofYamlFile(file.getFileName().toString());
            if (kind.isPresent() && !consumed.contains(file)) {
                consumed.add(file);
                try {
                    readRowFile(file, kind.get(), siteId);
                } catch (InvalidPathException e) {
                    throw SiteFolderException.unencodableName(file, e);
                }
            }
        }
        siteLanguages.forEach(row -> groups.add(new Duplicates.Group(
                ComponentRows.siteLanguage(
                        row,
                        siteId,
                        portalLanguages.get(String.valueOf(row.columns().get("portallanguageid"))
                                .toLowerCase(Locale.ROOT))),
                List.of())));
        for (Path file : scan.siteFiles()) {
            if (!consumed.contains(file)) {
                noteLeftover(file);
            }
        }
        List<SiteRecord> records =
                Duplicates.resolve(groups, this::nameOf, id -> manifestNames.get(id.toLowerCase(Locale.ROOT)), notes);
        return new SiteContent(
                enhanced ? DataModel.ENHANCED : DataModel.STANDARD,
                layout,
                root,
                List.copyOf(records),
                List.copyOf(notes));
    }

    private String readWebsite() {
        YamlRow website = yaml.readRow(root.resolve(WEBSITE_YML), WEBSITE_YML);
        if (website == null) {
            throw new SiteFolderException(
                    new SourceLocation(WEBSITE_YML, 0), "website.yml is empty: no website record");
        }
        consumed.add(WEBSITE_YML);
        if (enhanced) {
            SiteRecord site = ComponentRows.site(website);
            groups.add(new Duplicates.Group(site, List.of()));
            return site.id();
        }
        SiteRecord site = StandardRows.of(RowKind.WEBSITE, website, Map.of(), null, null, notes)
                .get(0);
        groups.add(new Duplicates.Group(site, List.of()));
        return site.id();
    }

    private void readRowFile(Path file, RowKind kind, String siteId) {
        if (kind == RowKind.WEBSITE) {
            notes.add(new ImportNote(
                    ImportNote.Kind.UNUSED_KIND,
                    new SourceLocation(file, 0),
                    "a website.yml below the site's root; only the root's is the site"));
            return;
        }
        if (enhanced
                && kind.componentType() == null
                && kind != RowKind.WEBSITE_LANGUAGE
                && kind != RowKind.PORTAL_LANGUAGE) {
            notes.add(new ImportNote(
                    ImportNote.Kind.UNUSED_KIND,
                    new SourceLocation(file, 0),
                    "the enhanced data model has no component type for " + kind.table() + "; not imported"));
            return;
        }
        List<YamlRow> rows = yaml.readRows(root.resolve(file), file);
        if (enhanced && kind == RowKind.PORTAL_LANGUAGE) {
            rows.forEach(row -> portalLanguages.put(
                    Rows.requireId(row.columns(), "id", row.source()).toLowerCase(Locale.ROOT), row.columns()));
            return;
        }
        if (enhanced && kind == RowKind.WEBSITE_LANGUAGE) {
            siteLanguages.addAll(rows);
            return;
        }
        Map<String, String> sideColumns = rows.size() == 1 ? readSideFiles(file, kind) : Map.of();
        byte[] content = null;
        String dataFileName = null;
        String contentFileName = null;
        if (kind == RowKind.WEB_FILE && rows.size() == 1) {
            String name = file.getFileName().toString();
            dataFileName =
                    name.endsWith(WEB_FILE_SUFFIX) ? name.substring(0, name.length() - WEB_FILE_SUFFIX.length()) : null;
            Path data = dataFileName == null ? null : contentFile(file, dataFileName);
            if (data != null) {
                content = readBytes(data);
                consumed.add(data);
                if (!data.getFileName().toString().equals(dataFileName)) {
                    contentFileName = data.getFileName().toString();
                    notes.add(new ImportNote(
                            ImportNote.Kind.OTHER,
                            new SourceLocation(file, 0),
                            "its content file is " + contentFileName + ", not " + dataFileName
                                    + ": read as on Windows and macOS, whose file systems do not tell the two apart"));
                }
            }
        }
        for (YamlRow row : rows) {
            if (enhanced) {
                groups.add(new Duplicates.Group(
                        ComponentRows.component(kind, row, siteId, sideColumns, content, dataFileName, contentFileName),
                        List.of()));
            } else {
                List<SiteRecord> records = StandardRows.of(kind, row, sideColumns, content, contentFileName, notes);
                groups.add(new Duplicates.Group(records.get(0), records.subList(1, records.size())));
            }
        }
    }

    /**
     * The content file beside a {@code .webfile.yml}: the one named as pac names it, else the only one whose name
     * differs from that in letter case alone ({@link SiteRecord#CONTENT_FILE_NAME} says why such a folder exists).
     */
    private Path contentFile(Path webFile, String name) {
        Path exact = webFile.resolveSibling(name);
        if (files.contains(exact)) {
            return exact;
        }
        List<Path> otherCase = files.stream()
                .filter(candidate -> Objects.equals(candidate.getParent(), webFile.getParent())
                        && candidate.getFileName().toString().equalsIgnoreCase(name)
                        && !consumed.contains(candidate)
                        && RowKind.ofYamlFile(candidate.getFileName().toString())
                                .isEmpty())
                .toList();
        return otherCase.size() == 1 ? otherCase.get(0) : null;
    }

    /** {@code Home.webpage.copy.html} beside {@code Home.webpage.yml} is the page's adx_copy. */
    private Map<String, String> readSideFiles(Path file, RowKind kind) {
        if (kind.sideFiles().isEmpty()) {
            return Map.of();
        }
        String name = file.getFileName().toString();
        String base = name.substring(0, name.length() - ".yml".length());
        Map<String, String> columns = new LinkedHashMap<>();
        for (RowKind.SideFile side : kind.sideFiles()) {
            Path sideFile = file.resolveSibling(base + "." + side.suffix());
            if (files.contains(sideFile)) {
                columns.put(side.column(), readText(sideFile));
                consumed.add(sideFile);
            }
        }
        return columns;
    }

    private void noteLeftover(Path file) {
        String name = file.getFileName().toString();
        if (file.startsWith(".portalconfig") && name.endsWith("manifest.yml")) {
            notes.add(new ImportNote(
                    ImportNote.Kind.OTHER,
                    new SourceLocation(file, 0),
                    "pac's record of what it last downloaded or uploaded; not a row of the site"));
            return;
        }
        notes.add(new ImportNote(
                ImportNote.Kind.UNUSED_KIND,
                new SourceLocation(file, 0),
                "not a file pac writes for a site (no row file it belongs to); not read"));
    }

    /** Display names from pac's manifests, which break ties between copies of a row (see {@link Duplicates}). */
    private void readManifests() {
        for (Path file : files) {
            if (file.startsWith(".portalconfig")
                    && file.getFileName().toString().endsWith("manifest.yml")) {
                try {
                    YamlRow manifest = yaml.readRow(root.resolve(file), file);
                    if (manifest != null) {
                        manifest.columns().values().forEach(this::addManifestEntries);
                    }
                } catch (SiteFolderException e) {
                    notes.add(new ImportNote(
                            ImportNote.Kind.OTHER,
                            e.source(),
                            "pac's manifest could not be read (" + e.getMessage() + "); it is only bookkeeping"));
                }
            }
        }
    }

    private void addManifestEntries(Object entries) {
        if (entries instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> map
                        && map.get("RecordId") != null
                        && !Boolean.TRUE.equals(map.get("IsDeleted"))
                        && map.get("DisplayName") != null) {
                    manifestNames.put(
                            map.get("RecordId").toString().toLowerCase(Locale.ROOT),
                            map.get("DisplayName").toString());
                }
            }
        }
    }

    private Object nameOf(SiteRecord row) {
        if (enhanced) {
            return row.columns().get(EnhancedModel.NAME);
        }
        return RowKind.ofTable(row.table())
                .map(kind -> row.columns().get(kind.nameColumn()))
                .orElse(null);
    }

    private String readText(Path file) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SiteFolderException(new SourceLocation(file, 0), "not UTF-8 text, as pac writes it", e);
        }
    }

    private byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(root.resolve(file));
        } catch (IOException e) {
            throw new SiteFolderException(new SourceLocation(file, 0), "cannot read: " + e.getMessage(), e);
        }
    }
}
