package dev.powerpages.emulator.store.site;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.powerpages.emulator.sitefolder.RealSites;
import dev.powerpages.emulator.sitefolder.SiteContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real downloaded sites of the machine, if it has any (every folder in /work/sites, never committed, and those
 * named by {@code -Dsitefolder.sites=/a,/b}), imported into the store and exported again: the export is the folder's
 * own files (site-folder's {@code RealSitesTest} does the same without the store), so the columns the schema knows
 * (typed, readable through the Web API) lose nothing of what the folder wrote. Skipped where there are none.
 */
class RealSitesImportTest extends SiteImportTestSupport {

    @Test
    void everyRealSiteIsImportedAndExportedToTheSameFiles(@TempDir Path scratch) throws IOException {
        List<Path> sites = RealSites.folders();
        assumeTrue(!sites.isEmpty(), "no real sites on this machine (/work/sites, -Dsitefolder.sites)");
        for (Path site : sites) {
            SiteContent content = folders.read(site);
            ImportReport report =
                    importer.importSite(content, site.getFileName().toString(), SiteImporter.Mode.STARTUP);
            Path target =
                    Files.createDirectories(scratch.resolve(site.getFileName().toString()));
            folders.write(exporter.content(), target);

            List<String> differences = RealSites.assertWrittenBack(content, target, site + " exported");
            System.out.printf(
                    "%s: %d rows; columns not in the schema %s; differences %s%n",
                    site.getFileName(), report.rows(), report.columnsNotInSchema(), differences);
        }
    }
}
