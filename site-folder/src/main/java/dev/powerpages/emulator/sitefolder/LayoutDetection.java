package dev.powerpages.emulator.sitefolder;

import dev.powerpages.emulator.sitefolder.yaml.SiteYaml;
import dev.powerpages.emulator.sitefolder.yaml.YamlRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which layout a folder is in, and where its site's root is; or why it is not a site folder, naming what was found
 * and what was expected.
 */
final class LayoutDetection {

    static final String CODE_SITE_FOLDER = ".powerpages-site";

    static final String EXPECTED = "expected a folder written by `pac pages download` (website.yml beside web-pages/, "
            + "web-templates/ …), a code site's folder with .powerpages-site/, or an unpacked solution with "
            + "powerpagecomponents/";

    /** The site's root, its layout, and notes about the folder around it. */
    record Detected(Path root, FolderLayout layout, List<ImportNote> notes) {}

    private LayoutDetection() {}

    static Detected detect(Path folder) {
        if (!Files.exists(folder)) {
            throw new SiteFolderException(null, folder + " does not exist; " + EXPECTED);
        }
        if (!Files.isDirectory(folder)) {
            throw new SiteFolderException(null, folder + " is a file, not a folder; " + EXPECTED);
        }
        List<ImportNote> notes = new ArrayList<>();
        Path root = folder;
        if (Files.isDirectory(folder.resolve(CODE_SITE_FOLDER))) {
            root = folder.resolve(CODE_SITE_FOLDER);
            notes.add(new ImportNote(
                    ImportNote.Kind.NOT_SITE_FILE,
                    new SourceLocation(Path.of(".."), 0),
                    "a code site: its site is read from .powerpages-site/; the source around it is not part of "
                            + "the site's rows"));
            if (!Files.isRegularFile(root.resolve("website.yml"))) {
                throw new SiteFolderException(
                        null,
                        folder + " is a Power Pages code site whose .powerpages-site/ "
                                + "has no website.yml: no website record; " + EXPECTED);
            }
        }
        if (Files.isRegularFile(root.resolve("website.yml"))) {
            return new Detected(root, yamlLayout(root), notes);
        }
        if (Files.isDirectory(root.resolve("powerpagecomponents"))) {
            return new Detected(root, FolderLayout.SOLUTION_XML, notes);
        }
        if (Files.isDirectory(root.resolve("src").resolve("powerpagecomponents"))) {
            return new Detected(root.resolve("src"), FolderLayout.SOLUTION_XML, notes);
        }
        throw new SiteFolderException(null, folder + ": " + whatItIs(root) + "; " + EXPECTED);
    }

    /** Standard ({@code adx_websiteid:}) or enhanced ({@code id:}), by website.yml's key for the site's id. */
    private static FolderLayout yamlLayout(Path root) {
        Path relative = Path.of("website.yml");
        YamlRow website = new SiteYaml().readRow(root.resolve(relative), relative);
        if (website == null) {
            throw new SiteFolderException(new SourceLocation(relative, 0), "website.yml is empty: no website record");
        }
        Map<String, Object> columns = website.columns();
        if (columns.containsKey("id")) {
            return FolderLayout.ENHANCED_YAML;
        }
        if (columns.containsKey("adx_websiteid")) {
            return FolderLayout.STANDARD_YAML;
        }
        throw new SiteFolderException(
                website.source(),
                "website.yml has neither adx_websiteid (the standard data "
                        + "model's layout) nor id (the enhanced data model's): no website record");
    }

    private static String whatItIs(Path root) {
        if (Files.isRegularFile(root.resolve("Other").resolve("Solution.xml"))
                || Files.isRegularFile(root.resolve("src").resolve("Other").resolve("Solution.xml"))) {
            return "this looks like a solution (Other/Solution.xml) without powerpagecomponents/, so it holds no "
                    + "Power Pages site";
        }
        if (Files.isRegularFile(root.resolve("package.json"))
                && (Files.isDirectory(root.resolve("src"))
                        || Files.isRegularFile(root.resolve("powerpages.config.json")))) {
            return "this is a Power Pages code site's source (package.json, src/) without .powerpages-site/ "
                    + "(`pac pages download-code-site` writes it)";
        }
        List<String> sitesBelow = sitesBelow(root);
        if (!sitesBelow.isEmpty()) {
            return "no website.yml here, but " + String.join(", ", sitesBelow) + " holds a site (point at that folder)";
        }
        if (Files.isDirectory(root.resolve("web-pages")) || Files.isDirectory(root.resolve("web-templates"))) {
            return "web-pages/ or web-templates/ without a website.yml: no website record";
        }
        return "no website.yml, no .powerpages-site/, no powerpagecomponents/: no website record";
    }

    private static List<String> sitesBelow(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(child -> Files.isRegularFile(child.resolve("website.yml"))
                            || Files.isDirectory(child.resolve(CODE_SITE_FOLDER))
                            || Files.isDirectory(child.resolve("powerpagecomponents")))
                    .map(child -> child.getFileName() + "/")
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
