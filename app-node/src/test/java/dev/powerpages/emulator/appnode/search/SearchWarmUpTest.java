package dev.powerpages.emulator.appnode.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Search is warmed up once the node serves its site, not while it starts: it waits for the first snapshot, and a site
 * with search turned off never loads Lucene for it.
 */
class SearchWarmUpTest {

    private final SiteCache cache = mock(SiteCache.class);

    @Test
    void waitsForTheFirstSiteSnapshotThenWarmsSearchUp() {
        SiteSnapshot site = new TestSite().snapshot();
        // Two looks without a site (the store still starting), then the first snapshot.
        when(cache.current()).thenReturn(Optional.empty(), Optional.empty(), Optional.of(site));

        assertThat(new SearchWarmUp(cache).warmUpOnceServed()).isTrue();
    }

    @Test
    void leavesLuceneAloneForASiteWithSearchTurnedOff() {
        SiteSnapshot site = new TestSite().setting("Search/Enabled", "false").snapshot();
        when(cache.current()).thenReturn(Optional.of(site));

        assertThat(new SearchWarmUp(cache).warmUpOnceServed()).isFalse();
    }
}
