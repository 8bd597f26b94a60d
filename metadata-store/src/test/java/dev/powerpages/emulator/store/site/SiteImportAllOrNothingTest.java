package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import dev.powerpages.emulator.store.StoreJdbcSlice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An import is all or nothing: a value the schema or the database refuses leaves the store as it was. Read straight
 * from the store's database ({@link StoreJdbcSlice}): what the Web API then serves of those rows is WebApiTest's.
 */
@StoreJdbcSlice
class SiteImportAllOrNothingTest {

    static final String SITE = "5e000000-0000-4000-8000-000000000001";
    static final String DEMO_SITE = "10000000-0000-4000-8000-000000000001";

    @Autowired
    SiteImporter importer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aValueThatDoesNotFitItsColumnStopsTheImportAndNamesTheFileAndLine() {
        List<Long> before = etags("adx_webpage");
        SiteRecord broken = record(
                "adx_webpage",
                "5e000000-0000-4000-8000-000000000003",
                "web-pages/broken/Broken.webpage.yml",
                7,
                "adx_name",
                "Broken",
                "adx_displayorder",
                "first");

        assertThatThrownBy(() -> importer.importSite(
                        content(website(), page("5e000000-0000-4000-8000-000000000002"), broken),
                        "site",
                        SiteImporter.Mode.STARTUP))
                .isInstanceOf(SiteFolderException.class)
                .hasMessage(
                        "web-pages/broken/Broken.webpage.yml:7: adx_webpage.adx_displayorder is 'first', not a whole number");

        assertThat(etags("adx_webpage")).isEqualTo(before);
        assertThat(websites()).containsExactly(DEMO_SITE);
    }

    @Test
    void aValueTheDatabaseRefusesRollsBackWhatWasAlreadyWritten() {
        List<Long> before = etags("adx_webpage");
        SiteRecord tooRich = record(
                "account",
                "5e000000-0000-4000-8000-000000000009",
                "accounts.yml",
                3,
                "name",
                "Too rich",
                "revenue",
                new BigDecimal("123456789012345678901234"));

        assertThatThrownBy(() -> importer.importSite(
                        content(website(), page("5e000000-0000-4000-8000-000000000002"), tooRich),
                        "site",
                        SiteImporter.Mode.STARTUP))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageStartingWith(
                        "accounts.yml:3: account 5e000000-0000-4000-8000-000000000009 cannot be stored");

        // the website and page written before the refused row are gone with the rollback
        assertThat(websites()).containsExactly(DEMO_SITE);
        assertThat(etags("adx_webpage")).isEqualTo(before);
    }

    @Test
    void withoutAFolderTheDemoSiteComesBack() {
        importer.importSite(
                content(website(), page("5e000000-0000-4000-8000-000000000002")), "site", SiteImporter.Mode.STARTUP);
        assertThat(websites()).containsExactly(SITE);

        importer.restoreDemoSite();

        assertThat(websites()).containsExactly(DEMO_SITE);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM \"adx_webpage\" WHERE \"adx_partialurl\" = 'about'", Integer.class))
                .isEqualTo(1);
    }

    /** The websites' ids, as the Web API's {@code adx_websites} lists them. */
    private List<String> websites() {
        return jdbc.queryForList("SELECT \"adx_websiteid\" FROM \"adx_website\"", UUID.class).stream()
                .map(UUID::toString)
                .toList();
    }

    /** The rows' versions (the Web API's {@code @odata.etag}s), in the order of their ids. */
    private List<Long> etags(String table) {
        return jdbc.queryForList(
                "SELECT \"versionnumber\" FROM \"" + table + "\" ORDER BY \"" + table + "id\"", Long.class);
    }

    private static SiteRecord website() {
        return record("adx_website", SITE, "website.yml", 1, "adx_name", "All or nothing");
    }

    private static SiteRecord page(String id) {
        return record(
                "adx_webpage", id, "web-pages/home/Home.webpage.yml", 1, "adx_name", "Home", "adx_partialurl", "/");
    }

    private static SiteRecord record(String table, String id, String file, int line, Object... columns) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < columns.length; i += 2) {
            values.put((String) columns[i], columns[i + 1]);
        }
        return new SiteRecord(table, id, values, new SourceLocation(Path.of(file), line));
    }

    private static SiteContent content(SiteRecord... records) {
        return new SiteContent(
                DataModel.STANDARD, FolderLayout.STANDARD_YAML, Path.of("site"), List.of(records), List.of());
    }
}
