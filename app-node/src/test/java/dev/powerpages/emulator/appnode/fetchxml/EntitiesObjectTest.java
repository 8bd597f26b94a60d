package dev.powerpages.emulator.appnode.fetchxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
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

    @SuppressWarnings("unchecked")
    private String render(TestSite site) {
        when(store.metadataDocument()).thenThrow(new IllegalStateException("no $metadata"));
        when(cache.get(any(), any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(1)).get());
        JsonMapper json = JsonMapper.builder().build();
        when(store.query(eq("accounts"), anyString()))
                .thenAnswer(
                        call -> json.readTree(
                                ((String) call.getArgument(1)).contains("ff")
                                        ? "{\"value\":[]}"
                                        : "{\"value\":[{\"accountid\":\"" + ACCOUNT
                                                + "\",\"name\":\"Contoso\",\"_primarycontactid_value\":\"c0000000-0000-4000-8000-000000000001\","
                                                + "\"_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname\":\"contact\","
                                                + "\"_primarycontactid_value@OData.Community.Display.V1.FormattedValue\":\"Ada Lovelace\"}]}"));
        SiteSnapshot snapshot = site.page(
                        PAGE,
                        "Account",
                        "Account",
                        "account",
                        TestSite.HOME,
                        TEMPLATE.replace("{{ACCOUNT}}", ACCOUNT),
                        true)
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
    void aTableTheVisitorMayNotReadGivesNull() {
        assertThat(render(new TestSite())).startsWith("none||");
    }
}
