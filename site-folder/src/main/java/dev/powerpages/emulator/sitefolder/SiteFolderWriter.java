package dev.powerpages.emulator.sitefolder;

import dev.powerpages.emulator.sitefolder.solution.SolutionXmlWriter;
import dev.powerpages.emulator.sitefolder.yamlfolder.YamlFolderWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a site's rows back as a folder in {@link SiteContent#layout()}, the way pac (or a solution unpack) writes
 * it, so reading the folder again gives the same rows and reading then writing a folder gives the same files (order
 * of keys and list items aside). A row read from a file goes back to that file; a row without one (created through
 * the Web API) gets the name pac would give it.
 *
 * <p>Files are written one by one, each replaced whole (never half-written); files of the folder that no row
 * produces are left alone, so write into an empty folder for an exact copy of the site.
 */
public final class SiteFolderWriter {

    private SiteFolderWriter() {}

    /**
     * @param folder the folder to write (created if missing); for the enhanced YAML layout, a folder holding
     *               {@code .powerpages-site/} (a code site) is written there, as {@link SiteFolderReader} reads it
     */
    public static void write(SiteContent content, Path folder) {
        FolderLayout layout = content.layout();
        boolean enhanced = content.dataModel() == DataModel.ENHANCED;
        if (enhanced != (layout != FolderLayout.STANDARD_YAML)) {
            throw new IllegalArgumentException("rows of the " + content.dataModel()
                    + " data model cannot be written in " + "the " + layout + " layout");
        }
        switch (layout) {
            case STANDARD_YAML -> YamlFolderWriter.write(content, folder);
            case ENHANCED_YAML -> {
                Path codeSite = folder.resolve(LayoutDetection.CODE_SITE_FOLDER);
                YamlFolderWriter.write(content, Files.isDirectory(codeSite) ? codeSite : folder);
            }
            case SOLUTION_XML -> SolutionXmlWriter.write(content, folder);
        }
    }
}
