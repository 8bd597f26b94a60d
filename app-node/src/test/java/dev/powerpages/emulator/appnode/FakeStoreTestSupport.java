package dev.powerpages.emulator.appnode;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node reading the shared {@link FakeMetadataStore}; test classes extending this share one Spring context (and so
 * one token cache).
 */
abstract class FakeStoreTestSupport extends RunningNodeTestSupport {

    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
        registry.add("site.refresh-interval", () -> "300ms");
        registry.add("node.region", () -> "northeurope");
        // Long enough that a test's few requests in a row meet their cached answer on a loaded machine (1 s did not
        // always), short enough that the tests waiting for a change made elsewhere wait little.
        registry.add("webapi.cache-max-age", () -> "3s");
        // Tests that cut the store off want the breaker to try again soon after the fault is cleared.
        registry.add("resilience4j.circuitbreaker.instances.metadataStore.wait-duration-in-open-state", () -> "1s");
    }

    @BeforeEach
    void waitForSite() {
        http.delete("/_services/chaos", "X-Admin-Key", NodeHttp.ADMIN_KEY);
        awaitHealthy();
    }
}
