package dev.powerpages.emulator.sitefolder;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real downloaded sites of the machine, if it has any: every folder in /work/sites (never committed, never
 * needed) and those named by {@code -Dsitefolder.sites=/a,/b}. Each must read without an error and write back to the
 * same files, except the files of rows the reader dropped as repeated ids. Skipped where there are none.
 */
class RealSitesTest {

    @Test
    void readsEveryRealSiteAndWritesItBackToTheSameFiles(@TempDir Path scratch) throws IOException {
        List<Path> sites = RealSites.folders();
        assumeTrue(!sites.isEmpty(), "no real sites on this machine (/work/sites, -Dsitefolder.sites)");
        for (Path site : sites) {
            long started = System.nanoTime();
            SiteContent content = SiteFolderReader.read(site);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Path target =
                    Files.createDirectories(scratch.resolve(site.getFileName().toString()));
            SiteFolderWriter.write(content, target);
            List<String> differences = RealSites.assertWrittenBack(content, target, site + " written back");
            System.out.printf(
                    "%s: %s, %d rows in %d ms %s; notes %s; differences %s%n",
                    site.getFileName(),
                    content.layout(),
                    content.records().size(),
                    millis,
                    countByTable(content),
                    countNotes(content),
                    differences);
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
}
