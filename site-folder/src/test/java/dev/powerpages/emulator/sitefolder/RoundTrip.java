package dev.powerpages.emulator.sitefolder;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Read a folder, write its rows to another, and say how the files differ. */
public final class RoundTrip {

    private RoundTrip() {}

    /** The differences between {@code folder}'s site files and those written from its rows into {@code target}. */
    public static List<String> differences(Path folder, Path target) {
        SiteContent content = SiteFolderReader.read(folder);
        SiteFolderWriter.write(content, target);
        return FolderComparison.differences(content.root(), target, notRows(content));
    }

    /** Files the reader only noted: not the site's, kinds not used, pac's bookkeeping. They are not written back. */
    public static Set<Path> notRows(SiteContent content) {
        Set<Path> ignored = new HashSet<>();
        for (ImportNote note : content.notes()) {
            if (note.kind() != ImportNote.Kind.DUPLICATE_ID
                    && note.source() != null
                    && note.source().line() == 0) {
                ignored.add(note.source().file());
            }
        }
        Set<Path> files = FolderComparison.files(content.root());
        // a folder noted as not the site's: all the files in it
        for (Path file : files) {
            for (Path noted : Set.copyOf(ignored)) {
                if (file.startsWith(noted)) {
                    ignored.add(file);
                }
            }
        }
        return ignored;
    }
}
