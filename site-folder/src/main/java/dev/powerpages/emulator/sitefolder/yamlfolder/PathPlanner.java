package dev.powerpages.emulator.sitefolder.yamlfolder;

import dev.powerpages.emulator.sitefolder.files.FileOutput;
import dev.powerpages.emulator.sitefolder.kinds.FileNames;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where pac puts a row it downloads, for rows that have no file yet (created through the Web API). The standard
 * layout: {@code web-pages/about/About.webpage.yml} and {@code content-pages/About.en-US.webpage.yml} below it,
 * {@code content-snippets/footer/Footer.en-US.contentsnippet.yml}, children in a list beside their parent
 * ({@code Default.en-US.weblinkset.weblink.yml}). The enhanced layout: a file per row, languages as folders
 * ({@code content-snippets/footer/en-US/Footer.contentsnippet.yml}), web files in a folder of their own
 * ({@code web-files/logo.png/logo.png}). A name another row's file already has gets pac's distinguishing suffix.
 */
final class PathPlanner {

    private final boolean enhanced;
    private final FileOutput output;
    private final Map<String, String> languageCodes;
    private final Map<String, Path> plannedById = new HashMap<>();
    /** Folder of a per-language kind → whether the rows in it have a language. */
    private final Map<String, Boolean> languageFolders = new HashMap<>();

    PathPlanner(boolean enhanced, FileOutput output, Map<String, String> languageCodes) {
        this.enhanced = enhanced;
        this.output = output;
        this.languageCodes = languageCodes;
    }

    /** Records where a row's file is (its source, or a path planned for it). */
    void planned(RowView view, Path file) {
        plannedById.put(key(view.kind, view.row.id()), file);
        Path folder = nameFolder(view, file);
        if (folder != null) {
            languageFolders.putIfAbsent(folder.toString().toLowerCase(Locale.ROOT), view.language() != null);
        }
    }

    Path plannedFile(RowKind kind, String id) {
        return id == null ? null : plannedById.get(key(kind, id));
    }

    /** The file a new row gets: its own, free of other rows' names; or, for a child list, its parent's list. */
    Path plan(RowView view) {
        return plan(view, view.name());
    }

    /** A content page is named after its root page, whose folder it is in ({@code pages-deleted/…/Pages-deleted.en-US…}). */
    Path plan(RowView view, RowView rootPage) {
        return plan(view, rootPage.name());
    }

    private Path plan(RowView view, String name) {
        if (!enhanced && view.kind.standardShape() == RowKind.Shape.CHILD_LIST) {
            return childList(view);
        }
        if (!enhanced && view.kind.standardShape() != RowKind.Shape.OWN_FILE) {
            return Path.of(view.kind.standardFolder(), view.kind.token() + ".yml");
        }
        if (view.kind == RowKind.WEBSITE) {
            return Path.of("website.yml");
        }
        Path file = derive(view, name);
        if (output.isTaken(file) || sharesFolderWithOtherRows(view, file)) {
            file = derive(view, distinguished(view, name));
        }
        return file;
    }

    /**
     * The language versions of a snippet or a link set share a folder ({@code content-snippets/footer/}); a row of
     * the same name without a language is another row, and pac gives it a folder of its own
     * ({@code weblink-sets/default_198ba1c7/} beside {@code weblink-sets/default/}).
     */
    private boolean sharesFolderWithOtherRows(RowView view, Path file) {
        Path folder = nameFolder(view, file);
        if (folder == null) {
            return false;
        }
        Boolean withLanguage = languageFolders.get(folder.toString().toLowerCase(Locale.ROOT));
        return withLanguage != null && withLanguage != (view.language() != null);
    }

    /** The folder named after a snippet or link set (above the enhanced layout's language folder). */
    private Path nameFolder(RowView view, Path file) {
        if (view.kind != RowKind.CONTENT_SNIPPET && view.kind != RowKind.WEB_LINK_SET || file.getParent() == null) {
            return null;
        }
        return enhanced && view.language() != null ? file.getParent().getParent() : file.getParent();
    }

    private Path derive(RowView view, String name) {
        String file = FileNames.fileName(name, enhanced);
        String folder = FileNames.folderName(name, enhanced);
        String token = view.kind.token();
        String language = languageCode(view);
        String kindFolder = enhanced ? view.kind.enhancedFolder() : view.kind.standardFolder();
        switch (view.kind) {
            case WEB_PAGE -> {
                Object root = view.value("adx_rootwebpageid");
                Path rootFile = root == null ? null : plannedFile(RowKind.WEB_PAGE, root.toString());
                if (root == null) {
                    return Path.of(kindFolder, folder, file + ".webpage.yml");
                }
                Path rootFolder = rootFile != null ? rootFile.getParent() : Path.of(kindFolder, folder);
                return enhanced
                        ? rootFolder
                                .resolve("content-pages")
                                .resolve(orNone(language))
                                .resolve(file + ".webpage.yml")
                        : rootFolder.resolve("content-pages").resolve(file + withLanguage(language) + ".webpage.yml");
            }
            case WEB_FILE -> {
                return enhanced
                        ? Path.of(kindFolder, folder, file + ".webfile.yml")
                        : Path.of(kindFolder, file + ".webfile.yml");
            }
            case CONTENT_SNIPPET, WEB_LINK_SET -> {
                return enhanced
                        ? Path.of(kindFolder, folder, orNone(language), file + "." + token + ".yml")
                        : Path.of(kindFolder, folder, file + withLanguage(language) + "." + token + ".yml");
            }
            case WEB_TEMPLATE, BASIC_FORM, ADVANCED_FORM, POLL, COLUMN_PERMISSION_PROFILE -> {
                return Path.of(kindFolder, folder, file + "." + token + ".yml");
            }
            case ADVANCED_FORM_STEP -> {
                Path form = plannedFile(RowKind.ADVANCED_FORM, view.parentId());
                Path formFolder = form != null ? form.getParent() : Path.of(kindFolder);
                return formFolder.resolve("advanced-form-steps").resolve(folder).resolve(file + "." + token + ".yml");
            }
            case WEB_LINK, BASIC_FORM_METADATA, ADVANCED_FORM_METADATA, COLUMN_PERMISSION, POLL_OPTION -> {
                Path parent = plannedFile(view.kind.parent().orElseThrow().kind(), view.parentId());
                Path parentFolder = parent != null ? parent.getParent() : Path.of(kindFolder);
                return parentFolder.resolve(file + "." + token + ".yml");
            }
            default -> {
                return Path.of(kindFolder, file + "." + token + ".yml");
            }
        }
    }

    /** {@code Default.en-US.weblinkset.weblink.yml}: the list of a set's links, beside the set. */
    private Path childList(RowView view) {
        Path parent = plannedFile(view.kind.parent().orElseThrow().kind(), view.parentId());
        if (parent == null) {
            String orphan = view.parentId() == null ? "unparented" : FileNames.fileName(view.parentId());
            return Path.of(view.kind.standardFolder(), orphan + "." + view.kind.token() + ".yml");
        }
        String parentName = parent.getFileName().toString();
        return parent.resolveSibling(
                parentName.substring(0, parentName.length() - ".yml".length()) + "." + view.kind.token() + ".yml");
    }

    /** pac's suffix for a name two rows share: before a web file's extension, after any other name. */
    private static String distinguished(RowView view, String name) {
        String suffix = FileNames.distinguisher(view.row.id());
        if (view.kind == RowKind.WEB_FILE) {
            int dot = name.lastIndexOf('.');
            return dot > 0
                    ? name.substring(0, dot) + suffix.toLowerCase(Locale.ROOT) + name.substring(dot)
                    : name + suffix.toLowerCase(Locale.ROOT);
        }
        return name + suffix;
    }

    private String languageCode(RowView view) {
        String language = view.language();
        return language == null ? null : languageCodes.get(language.toLowerCase(Locale.ROOT));
    }

    private static String withLanguage(String code) {
        return code == null ? "" : "." + code;
    }

    private static String orNone(String code) {
        return code == null ? "" : code;
    }

    private static String key(RowKind kind, String id) {
        return kind.name() + ":" + id.toLowerCase(Locale.ROOT);
    }
}
