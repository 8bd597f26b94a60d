package dev.powerpages.emulator.appnode.fetchxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.search.TestSite;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The {@code entities} object: a row by table and id, with lookups as references and the visitor's table permissions. */
class EntitiesObjectTest {

    static final String ACCOUNT = "a0000000-0000-4000-8000-000000000001";
    static final String PAGE = "30000000-0000-4000-8000-0000000000e1";
    static final String TEMPLATE =
            "{% assign account = entities.account['{{ACCOUNT}}'] %}{% if account %}{{ account.name }}|{{ account.id }}|"
                    + "{{ account.logical_name }}|{{ account.primarycontactid.name }}|{{ account.primarycontactid.id }}|"
                    + "{{ account.permissions.can_read }}/{{ account.permissions.can_write }}{% else %}none{% endif %}"
                    + "|{% assign t = 'account' %}{{ entities[t][request.params.id].name }}|{{ entities.account['not-a-guid'] }}"
                    + "|{% if entities.account['a0000000-0000-4000-8000-0000000000ff'] %}found{% else %}missing{% endif %}";

    private final StoreClient store = mock(StoreClient.class);
    private final BusinessDataCache cache = mock(BusinessDataCache.class);
    private final FetchXmlTag fetchXml =
            new FetchXmlTag(store, cache, new TableCatalog(store), new UnsupportedLiquid());
    private final LiquidRenderer renderer = new LiquidRenderer(
            new LiquidLimits(100_000, Duration.ofSeconds(10), 4_000_000, 1_000_000, 100),
            fetchXml,
            List.of(new EntitiesLiquid(fetchXml)),
            List.of());

    private String render(TestSite site) {
        return render(site, TEMPLATE.replace("{{ACCOUNT}}", ACCOUNT));
    }

    @SuppressWarnings("unchecked")
    private String render(TestSite site, String template) {
        when(store.metadataDocument()).thenThrow(new IllegalStateException("no $metadata"));
        when(cache.get(any(), any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(1)).get());
        JsonMapper json = JsonMapper.builder().build();
        // The FetchXML engine asks for the lookups' annotations: the same rows as the plain read below.
        when(store.query(anyString(), anyString(), anyString()))
                .thenAnswer(call -> store.query(call.getArgument(0), call.getArgument(1)));
        when(store.query(eq("accounts"), anyString()))
                .thenAnswer(call -> json.readTree(
                        ((String) call.getArgument(1)).contains("ff")
                                ? "{\"value\":[]}"
                                : "{\"value\":[{\"accountid\":\"" + ACCOUNT
                                        + "\",\"name\":\"Contoso\",\"_primarycontactid_value\":\"c0000000-0000-4000-8000-000000000001\","
                                        + "\"_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname\":\"contact\","
                                        + "\"_primarycontactid_value@OData.Community.Display.V1.FormattedValue\":\"Ada Lovelace\","
                                        + "\"statecode@OData.Community.Display.V1.FormattedValue\":\"Active\",\"statecode\":0,"
                                        + "\"numberofemployees@OData.Community.Display.V1.FormattedValue\":\"9,500\","
                                        + "\"numberofemployees\":9500}]}"));
        SiteSnapshot snapshot = site.page(PAGE, "Account", "Account", "account", TestSite.HOME, template, true)
                .snapshot();
        return renderer.render(
                        snapshot,
                        snapshot.pageByUrl("/account/").orElseThrow(),
                        new RequestInfo("/account/", "http://localhost/account/?id=" + ACCOUNT, "id=" + ACCOUNT))
                .body();
    }

    @Test
    void loadsARowByTableAndIdWithLookupsAsReferencesAndThePermissionsObject() {
        String out = render(
                new TestSite().permission("account", TestSite.ANONYMOUS_ROLE, 756150000, true, false, false, false));

        assertThat(out)
                .isEqualTo("Contoso|" + ACCOUNT
                        + "|account|Ada Lovelace|c0000000-0000-4000-8000-000000000001|true/false|Contoso||missing");
    }

    @Test
    void aChoiceAnswersItsLabelAndValueAsPowerPagesOptionSetObjectsDo() {
        String out = render(
                new TestSite().permission("account", TestSite.ANONYMOUS_ROLE, 756150000, true, false, false, false),
                "{% assign a = entities.account[request.params.id] %}{{ a.statecode.label }}|{{ a.statecode.value }}|"
                        + "{% if a.statecode.value == 0 %}active{% endif %}|{{ a.statecode }}|{{ a.numberofemployees }}");

        // The number printed alone, as before; a whole number that is not a choice stays a number.
        assertThat(out).isEqualTo("Active|0|active|0|9500");
        verify(store, atLeastOnce()).query(eq("accounts"), anyString(), eq(FetchXmlTag.ANNOTATIONS));
    }

    @Test
    void aTableTheVisitorMayNotReadGivesNull() {
        assertThat(render(new TestSite())).startsWith("none||");
    }
}
