package dev.powerpages.emulator.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real downloaded sites of the machine, if it has any: every folder in /work/sites (never committed, never
 * needed) and those named by {@code -Dsitefolder.sites=/a,/b}. Each must read without an error and write back to the
 * same files, except the files of rows the reader dropped as repeated ids. Skipped where there are none.
 */
class RealSitesTest {

    private static final Path SITES = Path.of("/work/sites");

    @Test
    void readsEveryRealSiteAndWritesItBackToTheSameFiles(@TempDir Path scratch) throws IOException {
        List<Path> sites = realSites();
        assumeTrue(!sites.isEmpty(), "no real sites on this machine (/work/sites, -Dsitefolder.sites)");
        for (Path site : sites) {
            long started = System.nanoTime();
            SiteContent content = SiteFolderReader.read(site);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Path target =
                    Files.createDirectories(scratch.resolve(site.getFileName().toString()));
            SiteFolderWriter.write(content, target);
            List<String> differences = FolderComparison.differences(content.root(), target, RoundTrip.notRows(content));
            Set<Path> dropped = content.notes().stream()
                    .filter(note -> note.kind() == ImportNote.Kind.DUPLICATE_ID)
                    .map(note -> note.source().file().getParent())
                    .collect(Collectors.toSet());
            System.out.printf(
                    "%s: %s, %d rows in %d ms %s; notes %s; differences %s%n",
                    site.getFileName(),
                    content.layout(),
                    content.records().size(),
                    millis,
                    countByTable(content),
                    countNotes(content),
                    differences);
            assertThat(differences)
                    .as(site + " written back")
                    .allSatisfy(difference -> assertThat(difference.startsWith("not written: ")
                                    && dropped.stream()
                                            .anyMatch(folder -> Path.of(difference.substring(13))
                                                    .startsWith(folder)))
                            .as(difference + " (only files of dropped duplicate rows may be missing)")
                            .isTrue());
        }
    }

    private static Map<String, Long> countByTable(SiteContent content) {
        return content.records().stream()
                .collect(Collectors.groupingBy(SiteRecord::table, TreeMap::new, Collectors.counting()));
    }

    private static Map<ImportNote.Kind, Long> countNotes(SiteContent content) {
        return content.notes().stream()
                .collect(Collectors.groupingBy(ImportNote::kind, TreeMap::new, Collectors.counting()));
    }

    private static List<Path> realSites() throws IOException {
        List<Path> sites = new ArrayList<>();
        if (Files.isDirectory(SITES)) {
            try (Stream<Path> entries = Files.list(SITES)) {
                entries.filter(Files::isDirectory).sorted().forEach(sites::add);
            }
        }
        String more = System.getProperty("sitefolder.sites", "");
        Arrays.stream(more.split(","))
                .map(String::strip)
                .filter(path -> !path.isEmpty())
                .map(Path::of)
                .forEach(sites::add);
        return sites;
    }
}
