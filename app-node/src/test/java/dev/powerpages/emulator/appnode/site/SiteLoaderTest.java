package dev.powerpages.emulator.appnode.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SiteLoaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheTablesListedInSiteTablesWithEveryRowAndColumn() {
        InMemoryRows rows = minimalSite()
                .add(
                        "adx_entityforms",
                        row("adx_entityformid", "f-1", "adx_name", "Contact us", "adx_entityname", "contact"))
                .add("adx_entityforms", row("adx_entityformid", "f-2", "adx_name", "Old form", "statecode", 1));

        SiteSnapshot site = loader(List.of("adx_entityforms", "adx_redirects")).assemble(rows);

        assertThat(site.tables().rows("adx_entityforms"))
                .extracting(row -> row.text("adx_name"))
                .containsExactly("Contact us", "Old form");
        assertThat(site.tables().activeRows("adx_entityforms"))
                .extracting(row -> row.text("adx_entityname"))
                .containsExactly("contact");
        // Listed but absent from the store: empty, not an error (an older store, a site without redirects).
        assertThat(site.tables().rows("adx_redirects")).isEmpty();
        // Not listed: not read.
        assertThat(loader(List.of()).assemble(rows).tables().rows("adx_entityforms"))
                .isEmpty();
    }

    @Test
    void buildsWhatAFeatureDerivesOncePerSnapshot() {
        SiteSnapshot site = loader(List.of()).assemble(minimalSite());
        AtomicInteger builds = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            String derived = site.derived(
                    SiteLoaderTest.class, snapshot -> builds.incrementAndGet() + ":" + snapshot.websiteName());
            assertThat(derived).isEqualTo("1:Contoso");
        }
        assertThat(builds).hasValue(1);
        // A new snapshot (the next refresh) builds afresh.
        String again = loader(List.of()).assemble(minimalSite()).derived(SiteLoaderTest.class, snapshot -> "again");
        assertThat(again).isEqualTo("again");
    }

    private static SiteLoader loader(List<String> tables) {
        return new SiteLoader(null, TestSiteProperties.withTables(tables));
    }

    /** The tables a site cannot do without, with one website and a home page. */
    private static InMemoryRows minimalSite() {
        InMemoryRows rows = new InMemoryRows()
                .add("adx_websites", row("adx_websiteid", "w-1", "adx_name", "Contoso"))
                .add(
                        "adx_webpages",
                        row(
                                "adx_webpageid",
                                "p-1",
                                "adx_name",
                                "Home",
                                "adx_partialurl",
                                "/",
                                "_adx_websiteid_value",
                                "w-1"));
        for (String entitySet : List.of(
                "adx_publishingstates",
                "adx_pagetemplates",
                "adx_webtemplates",
                "adx_contentsnippets",
                "adx_sitesettings",
                "adx_sitemarkers",
                "adx_weblinks",
                "adx_weblinksets",
                "annotations",
                "adx_webfiles")) {
            rows.add(entitySet, null);
        }
        return rows;
    }

    private static ObjectNode row(Object... namesAndValues) {
        ObjectNode row = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value instanceof Integer number) {
                row.put((String) namesAndValues[i], number);
            } else {
                row.put((String) namesAndValues[i], (String) value);
            }
        }
        return row;
    }
}
