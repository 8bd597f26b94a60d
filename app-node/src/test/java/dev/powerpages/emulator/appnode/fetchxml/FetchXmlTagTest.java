package dev.powerpages.emulator.appnode.fetchxml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.forms.FormsHarness;
import dev.powerpages.emulator.appnode.forms.RecordingStore;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.search.TestSite;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCaches;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The {@code fetchxml} tag against a store that describes its tables, as the metadata store does. */
class FetchXmlTagTest {

    static final String PAGE = "30000000-0000-4000-8000-0000000000f1";

    private final RecordingStore store =
            new RecordingStore(new RecordingStore.Table("account", "accounts", List.of("name:Edm.String")));
    private final UnsupportedLiquid unsupported = new UnsupportedLiquid();
    private final LiquidRenderer renderer = new LiquidRenderer(
            FormsHarness.LIMITS,
            new FetchXmlTag(
                    store.client(), BusinessDataCaches.keepingNothing(), new TableCatalog(store.client()), unsupported),
            List.of(),
            List.of());

    @AfterEach
    void stopStore() {
        store.close();
    }

    @Test
    void aQueryOnATableTheStoreDoesNotHaveGivesNoRowsAndTheNotEmulatedCommentWhileThePageRenders() {
        store.add(
                "accounts",
                JsonMapper.builder()
                        .build()
                        .createObjectNode()
                        .put("accountid", "a0000000-0000-4000-8000-000000000001")
                        .put("name", "Contoso"));
        String template = "<h1>Deals</h1>"
                + "{% fetchxml deals %}<fetch returntotalrecordcount=\"true\"><entity name=\"wi_n1\">"
                + "<attribute name=\"wi_name\"/></entity></fetch>{% endfetchxml %}"
                + "[{{ deals.results.entities.size }}|{{ deals.results.entity_name }}|{{ deals.results.total_record_count }}]"
                + "{% fetchxml linked %}<fetch><entity name=\"account\"><attribute name=\"name\"/>"
                + "<link-entity name=\"wi_n2\" from=\"wi_accountid\" to=\"accountid\" link-type=\"outer\" alias=\"n\">"
                + "<attribute name=\"wi_name\"/></link-entity></entity></fetch>{% endfetchxml %}"
                + "[{{ linked.results.entities.size }}]"
                + "{% fetchxml accounts %}<fetch><entity name=\"account\"><attribute name=\"name\"/></entity></fetch>"
                + "{% endfetchxml %}{% for a in accounts.results.entities %}{{ a.name }}{% endfor %}<footer>";

        String out = render(template);

        assertThat(out)
                .isEqualTo("<h1>Deals</h1>"
                        + "<!-- Power Pages Stack Emulator: fetchxml on table wi_n1 (not in the store) is not emulated -->"
                        + "[0|wi_n1|0]"
                        + "<!-- Power Pages Stack Emulator: fetchxml on table wi_n2 (not in the store) is not emulated -->"
                        + "[0]Contoso<footer>");
        assertThat(unsupported.uses(TestSite.WEBSITE))
                .containsEntry("fetchxml on table wi_n1 (not in the store)", 1L)
                .containsEntry("fetchxml on table wi_n2 (not in the store)", 1L);
        assertThat(store.calls()).noneMatch(call -> call.target().contains("wi_n"));
    }

    private String render(String template) {
        SiteSnapshot snapshot = new TestSite()
                .permission("account", TestSite.ANONYMOUS_ROLE, 756150000, true, false, false, false)
                .page(PAGE, "Deals", "Deals", "deals", TestSite.HOME, template, true)
                .snapshot();
        return renderer.render(
                        snapshot,
                        snapshot.pageByUrl("/deals/").orElseThrow(),
                        new RequestInfo("/deals/", "http://localhost/deals/", null))
                .body();
    }
}
