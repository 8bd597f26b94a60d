package dev.powerpages.emulator.appnode.fetchxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
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

/**
 * {@code liquid.max-render-time} is wall-clock time, store reads included: a page whose render waits on a slow store,
 * as on a loaded machine, is served under the node's default bound (2 s failed real pages), and a render that waits
 * past the configured bound still ends as the template error saying so.
 */
class RenderTimeLimitTest {

    static final String ACCOUNT = "a0000000-0000-4000-8000-000000000001";
    static final String PAGE = "30000000-0000-4000-8000-0000000000e2";

    private final StoreClient store = mock(StoreClient.class);
    private final BusinessDataCache cache = mock(BusinessDataCache.class);
    private final FetchXmlTag fetchXml =
            new FetchXmlTag(store, cache, new TableCatalog(store), new UnsupportedLiquid());

    @Test
    void aPageWaitingOnASlowStoreIsServedUnderTheDefaultBound() {
        LiquidLimits defaults = new LiquidLimits(0, null, 0, 0, 0);

        assertThat(defaults.maxRenderTime()).isEqualTo(LiquidLimits.DEFAULT_RENDER_TIME);
        assertThat(render(defaults, Duration.ofMillis(2_500))).isEqualTo("Contoso");
    }

    @Test
    void aRenderWaitingPastTheBoundIsTheTemplateErrorNamingIt() {
        LiquidLimits tight = new LiquidLimits(0, Duration.ofMillis(300), 0, 0, 0);

        assertThatThrownBy(() -> render(tight, Duration.ofMillis(1_500)))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("exceeded the max amount of time (300 ms.)");
    }

    @SuppressWarnings("unchecked")
    private String render(LiquidLimits limits, Duration storeLatency) {
        LiquidRenderer renderer =
                new LiquidRenderer(limits, fetchXml, List.of(new EntitiesLiquid(fetchXml)), List.of());
        when(store.metadataDocument()).thenThrow(new IllegalStateException("no $metadata"));
        when(cache.get(any(), any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(1)).get());
        JsonMapper json = JsonMapper.builder().build();
        // The FetchXML engine asks for the lookups' annotations: the same rows as the plain read below.
        when(store.query(anyString(), anyString(), anyString()))
                .thenAnswer(call -> store.query(call.getArgument(0), call.getArgument(1)));
        when(store.query(eq("accounts"), anyString())).thenAnswer(call -> {
            Thread.sleep(storeLatency.toMillis());
            return json.readTree("{\"value\":[{\"accountid\":\"" + ACCOUNT + "\",\"name\":\"Contoso\"}]}");
        });
        SiteSnapshot snapshot = new TestSite()
                .permission("account", TestSite.ANONYMOUS_ROLE, 756150000, true, false, false, false)
                .page(
                        PAGE,
                        "Account",
                        "Account",
                        "account",
                        TestSite.HOME,
                        "{{ entities.account['" + ACCOUNT + "'].name }}",
                        true)
                .snapshot();
        return renderer.render(
                        snapshot,
                        snapshot.pageByUrl("/account/").orElseThrow(),
                        new RequestInfo("/account/", "http://localhost/account/", null))
                .body();
    }
}
