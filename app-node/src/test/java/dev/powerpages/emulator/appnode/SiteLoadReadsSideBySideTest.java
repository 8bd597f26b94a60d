package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A load reads the site's tables a few at a time rather than one after another (SiteLoader's prefetch): its own
 * store holds the first table after the website until a second read arrives, which a loader reading one table at a
 * time never sends.
 */
@DirtiesContext
class SiteLoadReadsSideBySideTest extends RunningNodeTestSupport {

    @RegisterExtension
    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    static {
        STORE.holdNextReadForAnother();
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("store.url", STORE::url);
    }

    @Test
    void readsSeveralTablesAtOnceAndServesTheSiteItBuilt() {
        awaitHealthy();

        assertThat(STORE.mostCollectionReadsAtOnce()).isGreaterThan(1);
        assertThat(http.get("/about/").statusCode()).isEqualTo(200);
    }
}
