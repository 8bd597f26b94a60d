package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A node in the paired (non-primary) region pays the simulated cross-region latency on every store call. */
@DirtiesContext
class PairedRegionTest extends RunningNodeTestSupport {

    @RegisterExtension
    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("node.region", () -> "westeurope");
        registry.add("node.primary-region", () -> "northeurope");
        registry.add("node.cross-region-latency", () -> "40ms");
    }

    @Test
    void storeCallsFromTheSecondaryRegionPayTheCrossRegionLatencyVisibleInMetrics() {
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/").statusCode() == 200);

        String metrics = http.get("/actuator/prometheus").body();
        Matcher count = Pattern.compile(
                        "appnode_store_cross_region_latency_seconds_count\\{primaryRegion=\"northeurope\",region=\"westeurope\"} (\\d+)")
                .matcher(metrics);
        Matcher sum = Pattern.compile(
                        "appnode_store_cross_region_latency_seconds_sum\\{primaryRegion=\"northeurope\",region=\"westeurope\"} ([0-9.]+)")
                .matcher(metrics);
        assertThat(count.find()).isTrue();
        assertThat(sum.find()).isTrue();
        long calls = Long.parseLong(count.group(1));
        assertThat(calls).as("token plus one call per configuration table").isGreaterThan(10);
        // Count and sum are read one after the other while refreshes go on: compare the mean, not the exact total.
        assertThat(Double.parseDouble(sum.group(1)) / calls)
                .isCloseTo(0.040, org.assertj.core.data.Offset.offset(0.005));
        assertThat(http.get("/_services/about", "Accept", "application/json").body())
                .contains(
                        "\"region\":\"westeurope\"",
                        "\"primaryRegion\":\"northeurope\"",
                        "\"crossRegionLatencyMs\":40");
    }
}
