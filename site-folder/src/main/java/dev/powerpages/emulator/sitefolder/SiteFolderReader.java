package dev.powerpages.emulator.sitefolder;

import dev.powerpages.emulator.sitefolder.solution.SolutionXmlReader;
import dev.powerpages.emulator.sitefolder.yamlfolder.YamlFolderReader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads a site folder as Dataverse rows: a folder written by {@code pac pages download} (the standard data model's
 * adx_ YAML, or the enhanced model's short-key YAML, also kept by a code site in {@code .powerpages-site/}), or an
 * unpacked solution's {@code powerpagecomponents/}.
 *
 * <p>All or nothing: a folder of another kind, or a malformed file, ends the read with a
 * {@link SiteFolderException} naming the layout found and the one expected, or the file and line. Files that are not
 * the site's and kinds the emulator does not use become {@link ImportNote}s. Stateless and safe to call from several
 * threads.
 */
public final class SiteFolderReader {

    private SiteFolderReader() {}

    /**
     * @param folder the site's folder (the one holding website.yml), a code site's folder (holding
     *               {@code .powerpages-site/}), or an unpacked solution (holding {@code powerpagecomponents/}, or
     *               {@code src/powerpagecomponents/})
     */
    public static SiteContent read(Path folder) {
        try {
            LayoutDetection.Detected detected =
                    LayoutDetection.detect(folder.toAbsolutePath().normalize());
            return switch (detected.layout()) {
                case STANDARD_YAML, ENHANCED_YAML ->
                    YamlFolderReader.read(detected.root(), detected.layout(), detected.notes());
                case SOLUTION_XML -> SolutionXmlReader.read(detected.root(), detected.notes());
            };
        } catch (InvalidPathException e) {
            // Any name the readers did not catch with its file (they name the file where they know it).
            throw SiteFolderException.unencodableName(null, e);
        }
    }

    /** The layout {@link #read} would read {@code folder} as, without reading the rows. */
    public static FolderLayout layoutOf(Path folder) {
        return LayoutDetection.detect(folder.toAbsolutePath().normalize()).layout();
    }
}
