package dev.powerpages.emulator.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real downloaded sites of the machine, if it has any (every folder in /work/sites, never committed, and those
 * named by {@code -Dsitefolder.sites=/a,/b}), and the round trip's one rule for them: written back, a site is its
 * folder's own files, except the files of rows the reader dropped as repeated ids. Used by site-folder's
 * {@code RealSitesTest} (the reader and writer alone) and the store's {@code RealSitesImportTest} (through the store).
 */
public final class RealSites {

    private static final Path SITES = Path.of("/work/sites");

    /** How a run names the extra folders. */
    public static final String PROPERTY = "sitefolder.sites";

    private RealSites() {}

    /** The folders, /work/sites' first (sorted), then the property's; empty where there are none. */
    public static List<Path> folders() throws IOException {
        List<Path> sites = new ArrayList<>();
        if (Files.isDirectory(SITES)) {
            try (Stream<Path> entries = Files.list(SITES)) {
                entries.filter(Files::isDirectory).sorted().forEach(sites::add);
            }
        }
        Arrays.stream(System.getProperty(PROPERTY, "").split(","))
                .map(String::strip)
                .filter(path -> !path.isEmpty())
                .map(Path::of)
                .forEach(sites::add);
        return sites;
    }

    /**
     * Asserts that {@code target}, where {@code content} was written, holds the same files as the folder it was read
     * from, but for those of dropped duplicate rows; returns the differences found (for the test's log line).
     */
    public static List<String> assertWrittenBack(SiteContent content, Path target, String what) {
        List<String> differences = FolderComparison.differences(content.root(), target, RoundTrip.notRows(content));
        Set<Path> dropped = content.notes().stream()
                .filter(note -> note.kind() == ImportNote.Kind.DUPLICATE_ID)
                .map(note -> note.source().file().getParent())
                .collect(Collectors.toSet());
        assertThat(differences)
                .as(what)
                .allSatisfy(difference -> assertThat(difference.startsWith("not written: ")
                                && dropped.stream()
                                        .anyMatch(folder -> Path.of(difference.substring(13))
                                                .startsWith(folder)))
                        .as(difference + " (only files of dropped duplicate rows may be missing)")
                        .isTrue());
        return differences;
    }
}
