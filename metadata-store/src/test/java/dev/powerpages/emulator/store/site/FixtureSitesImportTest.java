package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.sitefolder.FixtureSites;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderReader;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.UnusualWebFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The site-folder module's fixture sites (every file kind of the standard layout; the same site as a code site's
 * enhanced YAML and as an unpacked solution) imported into the store, read through the Web API, and exported back
 * to the rows they were read as.
 */
class FixtureSitesImportTest extends SiteImportTestSupport {

    @Test
    void everyFileKindOfTheStandardLayoutIsImportedWithTheSitesIdsAndNoColumnOutsideTheSchema() {
        SiteContent site = folders.read(FixtureSites.path("standard-full"));
        ImportReport report = importer.importSite(site, "standard-full", SiteImporter.Mode.STARTUP);

        assertThat(report.columnsNotInSchema()).isEmpty();
        assertThat(report.tablesNotInSchema()).isEmpty();
        assertThat(report.rows()).isEqualTo(site.records().size());
        assertThat(report.notes()).extracting(ImportReport.Note::kind).contains("NOT_SITE_FILE", "DUPLICATE_ID");
        for (SiteRecord record : site.records()) {
            if (record.table().equals("adx_webpage")) {
                JsonNode page = client.get("adx_webpages(" + record.id() + ")?$select=adx_name,statecode", token)
                        .body();
                assertThat(page.get("adx_name").asString())
                        .isEqualTo(record.columns().get("adx_name"));
            }
        }
        // the N:N lists are associations
        SiteRecord permission = site.records().stream()
                .filter(r -> r.table().equals("adx_entitypermission")
                        && r.columns().get("adx_entitypermission_webrole") instanceof List<?> roles
                        && !roles.isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(client.get(
                                "adx_entitypermissions(" + permission.id()
                                        + ")?$expand=adx_entitypermission_webrole($select=adx_name)",
                                token)
                        .body()
                        .get("adx_entitypermission_webrole"))
                .hasSize(((List<?>) permission.columns().get("adx_entitypermission_webrole")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"enhanced-yaml", "solution-xml"})
    void anEnhancedSiteIsReadThroughTheMsppTables(String fixture) {
        SiteContent site = folders.read(FixtureSites.path(fixture));
        importer.importSite(site, fixture, SiteImporter.Mode.STARTUP);

        long pages = site.records().stream()
                .filter(r -> r.table().equals("powerpagecomponent")
                        && Long.valueOf(2).equals(r.columns().get("powerpagecomponenttype")))
                .count();
        JsonNode views = client.get("mspp_webpages?$select=mspp_name,mspp_partialurl,_mspp_websiteid_value", token)
                .body()
                .get("value");
        assertThat(views).hasSize((int) pages);
        assertThat(client.get("mspp_websites?$select=mspp_name", token).body().get("value"))
                .hasSize(1);
        assertThat(client.get("mspp_entitypermissions?$expand=mspp_entitypermission_webrole($select=mspp_name)", token)
                        .body()
                        .get("value"))
                .anySatisfy(permission -> assertThat(permission.get("mspp_entitypermission_webrole"))
                        .isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard-full", "enhanced-yaml", "solution-xml"})
    void theExportReadsBackAsTheSameRows(String fixture, @TempDir Path exported) {
        SiteContent site = folders.read(FixtureSites.path(fixture));
        importer.importSite(site, fixture, SiteImporter.Mode.STARTUP);

        folders.write(exporter.content(), exported);

        SiteContent again = SiteFolderReader.read(exported);
        assertThat(again.layout()).isEqualTo(site.layout());
        assertThat(rows(again)).containsExactlyInAnyOrderElementsOf(rows(site));
    }

    /**
     * pac writes an empty content file for a web file without a note in some downloads and none in others; a folder made
     * on Windows can name a content file in another case than its row file.
     */
    @Test
    void unusualWebFilesAreExportedWithTheContentFileTheirFolderHadOrNone(@TempDir Path scratch) throws Exception {
        Path folder = UnusualWebFiles.folder(scratch);
        ImportReport report = importer.importSite(folders.read(folder), "unusual web files", SiteImporter.Mode.STARTUP);
        Path exported = Files.createDirectories(scratch.resolve("exported"));

        folders.write(exporter.content(), exported);

        assertThat(report.columnsNotInSchema()).isEmpty();
        assertThat(exported.resolve(UnusualWebFiles.NO_FILE + ".webfile.yml")).exists();
        assertThat(exported.resolve(UnusualWebFiles.NO_FILE)).doesNotExist();
        assertThat(exported.resolve(UnusualWebFiles.EMPTY_FILE)).isEmptyFile();
        assertThat(exported.resolve(UnusualWebFiles.NOTE_WITHOUT_FILE)).doesNotExist();
        assertThat(exported.resolve(UnusualWebFiles.CONTENT_FILE_IN_OTHER_CASE))
                .hasBinaryContent(UnusualWebFiles.OTHER_CASE_CONTENT);
        assertThat(Files.readString(exported.resolve(UnusualWebFiles.NO_FILE + ".webfile.yml")))
                .isEqualTo(Files.readString(folder.resolve(UnusualWebFiles.NO_FILE + ".webfile.yml")));
    }

    @Test
    void theExportOfTheDemoSiteIsAStandardFolder(@TempDir Path exported) throws Exception {
        folders.write(exporter.content(), exported);

        assertThat(exported.resolve("website.yml")).exists();
        assertThat(Files.readString(exported.resolve("website.yml"))).contains("adx_name: Contoso");
        assertThat(rows(SiteFolderReader.read(exported)))
                .anySatisfy(row -> assertThat(row).contains("adx_webpage", "About"));
    }

    /** Records as comparable text: table, id, columns (bytes as base64); where they were read from aside. */
    private static List<String> rows(SiteContent content) {
        List<String> rows = new ArrayList<>();
        for (SiteRecord record : content.records()) {
            Map<String, Object> columns = new LinkedHashMap<>();
            record.columns().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> columns.put(
                            e.getKey(),
                            e.getValue() instanceof byte[] bytes
                                    ? Base64.getEncoder().encodeToString(bytes)
                                    : e.getValue()));
            rows.add(record.table() + " " + record.id().toLowerCase() + " " + columns);
        }
        return rows;
    }
}
