package dev.powerpages.emulator.cli.site;

import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteFolderReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a site folder with the reader the store imports with (site-folder's {@link SiteFolderReader}), before
 * {@code ./stack up --site} stops a running store for it: a folder of the wrong kind or a malformed file is named
 * with its line in under a second, with the store's own words, and the running stack is left as it was.
 */
public final class FolderValidation {

    /** A folder the store can import: its layout, rows, and notes by kind. */
    public record Readable(String layout, String dataModel, int rows, Map<String, Integer> notesByKind) {}

    private FolderValidation() {}

    /** @throws SiteFolderException the reader's refusal: what it found and expected, or the file and line at fault */
    public static Readable read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SiteFolderException(null, folder + " is not a folder");
        }
        SiteContent content = SiteFolderReader.read(folder);
        Map<String, Integer> notes = new TreeMap<>();
        for (ImportNote note : content.notes()) {
            notes.merge(note.kind().name(), 1, Integer::sum);
        }
        return new Readable(
                content.layout().name(),
                content.dataModel().name(),
                content.records().size(),
                notes);
    }
}
