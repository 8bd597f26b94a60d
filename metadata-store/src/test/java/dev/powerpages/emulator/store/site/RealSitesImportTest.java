package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.powerpages.emulator.sitefolder.FolderComparison;
import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.RoundTrip;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The real downloaded sites of the machine, if it has any (every folder in /work/sites, never committed, and those
 * named by {@code -Dsitefolder.sites=/a,/b}), imported into the store and exported again: the export is the folder's
 * own files (site-folder's {@code RealSitesTest} does the same without the store), so the columns the schema knows
 * (typed, readable through the Web API) lose nothing of what the folder wrote. Skipped where there are none.
 */
class RealSitesImportTest extends WebApiTestSupport {

    private static final Path SITES = Path.of("/work/sites");

    @Autowired
    SiteImporter importer;

    @Autowired
    SiteExporter exporter;

    @Autowired
    SiteFolders folders;

    @AfterEach
    void demoSiteBack() {
        importer.restoreDemoSite();
    }

    @Test
    void everyRealSiteIsImportedAndExportedToTheSameFiles(@TempDir Path scratch) throws IOException {
        List<Path> sites = realSites();
        assumeTrue(!sites.isEmpty(), "no real sites on this machine (/work/sites, -Dsitefolder.sites)");
        for (Path site : sites) {
            SiteContent content = folders.read(site);
            ImportReport report =
                    importer.importSite(content, site.getFileName().toString(), SiteImporter.Mode.STARTUP);
            Path target =
                    Files.createDirectories(scratch.resolve(site.getFileName().toString()));
            folders.write(exporter.content(), target);

            List<String> differences = FolderComparison.differences(content.root(), target, RoundTrip.notRows(content));
            Set<Path> dropped = content.notes().stream()
                    .filter(note -> note.kind() == ImportNote.Kind.DUPLICATE_ID)
                    .map(note -> note.source().file().getParent())
                    .collect(Collectors.toSet());
            System.out.printf(
                    "%s: %d rows; columns not in the schema %s; differences %s%n",
                    site.getFileName(), report.rows(), report.columnsNotInSchema(), differences);
            assertThat(differences)
                    .as(site + " exported")
                    .allSatisfy(difference -> assertThat(difference.startsWith("not written: ")
                                    && dropped.stream()
                                            .anyMatch(folder -> Path.of(difference.substring(13))
                                                    .startsWith(folder)))
                            .as(difference + " (only files of dropped duplicate rows may be missing)")
                            .isTrue());
        }
    }

    private static List<Path> realSites() throws IOException {
        List<Path> sites = new ArrayList<>();
        if (Files.isDirectory(SITES)) {
            try (Stream<Path> entries = Files.list(SITES)) {
                entries.filter(Files::isDirectory).sorted().forEach(sites::add);
            }
        }
        Arrays.stream(System.getProperty("sitefolder.sites", "").split(","))
                .map(String::strip)
                .filter(path -> !path.isEmpty())
                .map(Path::of)
                .forEach(sites::add);
        return sites;
    }
}
