package dev.powerpages.emulator.sitefolder.yamlfolder;

import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.DISPLAY_NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_MIME_TYPE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.LANGUAGE_CODE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.LCID;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE_ID;

import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.files.FileOutput;
import dev.powerpages.emulator.sitefolder.kinds.FileNames;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import dev.powerpages.emulator.sitefolder.yaml.SiteYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes rows in one of pac's YAML layouts, as pac writes them: a row keeps the file it was read from; a row without
 * one gets the name pac would give it ({@link PathPlanner}); keys sorted as pac sorts them (the standard layout by
 * ordinal order, a web file's own columns before its annotation's; the enhanced layout by the key without its
 * {@code adx_} prefix); the rows of a list sorted by id; the columns pac keeps apart in side files; a web file's bytes
 * beside its {@code .webfile.yml}.
 */
public final class YamlFolderWriter {

    private static final Comparator<String> ENHANCED_KEY_ORDER = Comparator.comparing(
                    (String key) -> key.startsWith("adx_") ? key.substring(4) : key)
            .thenComparing(Comparator.naturalOrder());

    private final boolean enhanced;
    private final SiteYaml yaml = new SiteYaml();
    private final FileOutput output = new FileOutput();
    private final Map<SiteRecord, Path> files = new IdentityHashMap<>();
    private final Map<String, List<SiteRecord>> annotationsByObject = new HashMap<>();
    private final PathPlanner planner;
    private final List<RowView> views = new ArrayList<>();

    private YamlFolderWriter(SiteContent content) {
        this.enhanced = content.layout() == FolderLayout.ENHANCED_YAML;
        this.planner = new PathPlanner(enhanced, output, languageCodes(content));
        for (SiteRecord row : content.records()) {
            if (!enhanced && row.table().equals(RowKind.ANNOTATION.table())) {
                Object object = row.columns().get("objectid");
                if (object != null) {
                    annotationsByObject
                            .computeIfAbsent(object.toString().toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                            .add(row);
                }
                continue;
            }
            RowView.of(row, enhanced).ifPresent(views::add);
        }
        views.sort(Comparator.comparing((RowView view) -> view.kind)
                .thenComparing(view -> view.kind == RowKind.WEB_PAGE && view.value("adx_rootwebpageid") != null)
                .thenComparing(view -> view.language() == null)
                .thenComparing(view -> view.row.id().toLowerCase(Locale.ROOT)));
    }

    /** Writes {@code content}'s rows under {@code root} (the folder that holds, or is to hold, website.yml). */
    public static void write(SiteContent content, Path root) {
        YamlFolderWriter writer = new YamlFolderWriter(content);
        writer.plan();
        writer.assemble();
        writer.output.writeTo(root);
    }

    private void plan() {
        for (RowView view : views) {
            Path source = usableSource(view);
            if (source != null) {
                place(view, source);
            }
        }
        Map<String, RowView> rootPages = new HashMap<>();
        for (RowView view : views) {
            if (view.kind == RowKind.WEB_PAGE && view.value("adx_rootwebpageid") == null) {
                rootPages.put(view.row.id().toLowerCase(Locale.ROOT), view);
            }
        }
        for (RowView view : views) {
            if (!files.containsKey(view.row)) {
                Object root = view.kind == RowKind.WEB_PAGE ? view.value("adx_rootwebpageid") : null;
                RowView rootPage =
                        root == null ? null : rootPages.get(root.toString().toLowerCase(Locale.ROOT));
                place(view, rootPage != null ? planner.plan(view, rootPage) : planner.plan(view));
            }
        }
    }

    private void place(RowView view, Path file) {
        files.put(view.row, file);
        planner.planned(view, file);
        output.reserve(file);
    }

    /** The file the row was read from, if it is one of this layout's files for the row's kind. */
    private static Path usableSource(RowView view) {
        if (view.row.source() == null || view.row.source().file() == null) {
            return null;
        }
        Path file = view.row.source().file();
        return RowKind.ofYamlFile(file.getFileName().toString())
                        .filter(kind -> kind == view.kind)
                        .isPresent()
                ? file
                : null;
    }

    private void assemble() {
        Map<Path, List<RowView>> byFile = new TreeMap<>();
        for (RowView view : views) {
            byFile.computeIfAbsent(files.get(view.row), file -> new ArrayList<>())
                    .add(view);
        }
        byFile.forEach((file, rows) -> {
            rows.sort(Comparator.comparing(view -> view.row.id().toLowerCase(Locale.ROOT)));
            boolean list = rows.size() > 1
                    || (!enhanced
                            && (rows.get(0).kind.standardShape() == RowKind.Shape.ROOT_LIST
                                    || rows.get(0).kind.standardShape() == RowKind.Shape.CHILD_LIST));
            List<Map<String, Object>> maps = new ArrayList<>();
            for (RowView view : rows) {
                maps.add(
                        enhanced
                                ? enhancedRow(view, file, rows.size() == 1)
                                : standardRow(view, file, rows.size() == 1));
            }
            output.put(file, yaml.write(list ? maps : maps.get(0)).getBytes(StandardCharsets.UTF_8));
        });
    }

    private Map<String, Object> standardRow(RowView view, Path file, boolean ownFile) {
        Map<String, Object> columns = new TreeMap<>();
        Map<String, String> sideColumns = sideColumns(view.kind);
        view.row.columns().forEach((column, value) -> {
            if (ownFile && sideColumns.containsKey(column)) {
                if (value != null) {
                    output.put(sideFile(file, sideColumns.get(column)), text(value));
                }
            } else if (!(value instanceof byte[]) && !SiteRecord.isFolderFact(column)) {
                columns.put(column, value);
            }
        });
        if (view.kind != RowKind.WEB_FILE) {
            return columns;
        }
        Map<String, Object> row = new LinkedHashMap<>(columns);
        List<SiteRecord> annotations =
                annotationsByObject.getOrDefault(view.row.id().toLowerCase(Locale.ROOT), List.of());
        byte[] content = new byte[0];
        if (!annotations.isEmpty()) {
            Map<String, Object> annotation = new TreeMap<>();
            annotations.get(0).columns().forEach((column, value) -> {
                if (!column.equals("documentbody")) {
                    annotation.put(column, value);
                }
            });
            row.putAll(annotation);
            if (annotations.get(0).columns().get("documentbody") instanceof byte[] bytes) {
                content = bytes;
            }
        }
        // A web file gets its content file (pac's empty one for a web file without a note), unless its folder had none
        // (the reader says so) and there is no content to write.
        if (content.length > 0 || !Boolean.TRUE.equals(view.row.columns().get(SiteRecord.NO_CONTENT_FILE))) {
            output.put(webFileContent(file, view.row.columns()), content);
        }
        return row;
    }

    private Map<String, Object> enhancedRow(RowView view, Path file, boolean ownFile) {
        Map<String, Object> row = new TreeMap<>(ENHANCED_KEY_ORDER);
        Map<String, Object> columns = view.row.columns();
        row.put("id", view.row.id());
        Object name = columns.get(NAME);
        String nameKey = RowKind.enhancedKey(view.kind.nameColumn());
        if (columns.containsKey(NAME)
                && !(view.kind.enhancedNameIsNameColumn()
                        && Objects.equals(name, view.content().get(nameKey)))) {
            row.put(NAME, name);
        }
        for (String column : List.of("statecode", "statuscode")) {
            if (columns.containsKey(column) && !(column.equals("statuscode") && view.kind.hasOwnStatusCode())) {
                row.put(column, columns.get(column));
            }
        }
        if (view.kind.languageColumn() != null && columns.containsKey(SITE_LANGUAGE_ID)) {
            row.put(RowKind.enhancedKey(view.kind.languageColumn()), columns.get(SITE_LANGUAGE_ID));
        }
        if (view.kind == RowKind.WEB_FILE) {
            if (columns.get(FILE_CONTENT) instanceof byte[] bytes) {
                output.put(webFileContent(file, columns), bytes);
                putIfPresent(row, ComponentRows.FILE_NAME_KEY, columns.get(FILE_CONTENT_NAME));
                putIfPresent(row, ComponentRows.MIME_TYPE_KEY, columns.get(FILE_CONTENT_MIME_TYPE));
            }
        } else if (columns.containsKey(FILE_CONTENT) && !(columns.get(FILE_CONTENT) instanceof byte[])) {
            row.put(FILE_CONTENT, columns.get(FILE_CONTENT));
        }
        Map<String, String> sideKeys = new HashMap<>();
        sideColumns(view.kind).forEach((column, suffix) -> sideKeys.put(RowKind.enhancedKey(column), suffix));
        view.content().forEach((key, value) -> {
            if (ownFile && sideKeys.containsKey(key)) {
                if (value != null) {
                    output.put(sideFile(file, sideKeys.get(key)), text(value));
                }
            } else {
                row.put(key, value);
            }
        });
        if (view.kind == RowKind.WEBSITE_LANGUAGE) {
            writePortalLanguage(view);
        }
        return row;
    }

    /** pac keeps a site language's code, LCID and display name in .portalconfig/<name>.portallanguage.yml. */
    private void writePortalLanguage(RowView view) {
        Map<String, Object> columns = view.row.columns();
        if (columns.get(LANGUAGE_CODE) == null) {
            return;
        }
        Map<String, Object> language = new TreeMap<>();
        putIfPresent(language, DISPLAY_NAME, columns.get(DISPLAY_NAME));
        Object portalLanguageId = view.content().get("portallanguageid");
        language.put("id", portalLanguageId != null ? portalLanguageId : view.row.id());
        language.put(LANGUAGE_CODE, columns.get(LANGUAGE_CODE));
        putIfPresent(language, LCID, columns.get(LCID));
        putIfPresent(language, NAME, columns.get(NAME));
        putIfPresent(language, "systemlanguage", view.content().get("systemlanguage"));
        Path file = Path.of(".portalconfig", FileNames.fileName(view.name(), true) + ".portallanguage.yml");
        output.put(file, yaml.write(language).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> sideColumns(RowKind kind) {
        Map<String, String> sides = new LinkedHashMap<>();
        kind.sideFiles().forEach(side -> sides.put(side.column(), side.suffix()));
        return sides;
    }

    /** {@code Home.webpage.yml} → {@code Home.webpage.copy.html}. */
    private static Path sideFile(Path file, String suffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".yml".length()) + "." + suffix);
    }

    /**
     * {@code logo.png.webfile.yml} → {@code logo.png}, or the name the folder had for it if that differed in case
     * ({@link SiteRecord#CONTENT_FILE_NAME}) and the row's file still has that name (a renamed web file gets pac's).
     */
    private static Path webFileContent(Path file, Map<String, Object> columns) {
        String name = file.getFileName().toString();
        String pacName = name.substring(0, name.length() - ".webfile.yml".length());
        if (columns.get(SiteRecord.CONTENT_FILE_NAME) instanceof String folderName
                && folderName.equalsIgnoreCase(pacName)) {
            return file.resolveSibling(folderName);
        }
        return file.resolveSibling(pacName);
    }

    private static byte[] text(Object value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void putIfPresent(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }

    /**
     * Website language id → language code (en-US), for file names: from the languages' rows, and where those do not
     * say (a repository without .portalconfig/), from the names of the files rows of that language were read from.
     */
    private static Map<String, String> languageCodes(SiteContent content) {
        Map<String, String> codes = languageCodesOfLanguages(content);
        boolean enhanced = content.layout() == FolderLayout.ENHANCED_YAML;
        for (SiteRecord row : content.records()) {
            RowView.of(row, enhanced).ifPresent(view -> {
                String language = view.language();
                if (language == null
                        || row.source() == null
                        || row.source().file() == null
                        || codes.containsKey(language.toLowerCase(Locale.ROOT))) {
                    return;
                }
                Path file = row.source().file();
                String code = null;
                if (enhanced && file.getParent() != null) {
                    code = file.getParent().getFileName().toString();
                } else {
                    String[] parts = file.getFileName().toString().split("\\.");
                    code = parts.length >= 4 && parts[parts.length - 2].equals(view.kind.token())
                            ? parts[parts.length - 3]
                            : null;
                }
                if (code != null && code.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
                    codes.put(language.toLowerCase(Locale.ROOT), code);
                }
            });
        }
        return codes;
    }

    private static Map<String, String> languageCodesOfLanguages(SiteContent content) {
        Map<String, String> codes = new HashMap<>();
        if (content.layout() == FolderLayout.ENHANCED_YAML) {
            for (SiteRecord row : content.records()) {
                if (row.table().equals("powerpagesitelanguage") && row.columns().get(LANGUAGE_CODE) != null) {
                    codes.put(
                            row.id().toLowerCase(Locale.ROOT),
                            row.columns().get(LANGUAGE_CODE).toString());
                }
            }
            return codes;
        }
        Map<String, String> portalCodes = new HashMap<>();
        for (SiteRecord row : content.records()) {
            if (row.table().equals(RowKind.PORTAL_LANGUAGE.table())
                    && row.columns().get("adx_languagecode") != null) {
                portalCodes.put(
                        row.id().toLowerCase(Locale.ROOT),
                        row.columns().get("adx_languagecode").toString());
            }
        }
        for (SiteRecord row : content.records()) {
            Object portal = row.columns().get("adx_portallanguageid");
            if (row.table().equals(RowKind.WEBSITE_LANGUAGE.table()) && portal != null) {
                String code = portalCodes.get(portal.toString().toLowerCase(Locale.ROOT));
                if (code != null) {
                    codes.put(row.id().toLowerCase(Locale.ROOT), code);
                }
            }
        }
        return codes;
    }
}
