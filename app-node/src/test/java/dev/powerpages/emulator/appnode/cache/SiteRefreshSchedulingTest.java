package dev.powerpages.emulator.appnode.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.TestSiteProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.SimpleTriggerContext;

class SiteRefreshSchedulingTest {

    private static final Instant NOW = Instant.parse("2026-12-06T07:00:00Z");
    private static final Instant LAST_END = NOW.minusMillis(50);

    private final SiteCache cache = mock(SiteCache.class);
    private final SiteRefreshScheduling scheduling =
            new SiteRefreshScheduling(cache, TestSiteProperties.withChangePollInterval(Duration.ofSeconds(1)));

    @Test
    void firstLoadStartsAtOnce() {
        SimpleTriggerContext context = new SimpleTriggerContext(Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(scheduling.nextRefresh(context)).isEqualTo(NOW);
    }

    @Test
    void failedFirstLoadIsTriedAgainAfterTheShortRetryInterval() {
        when(cache.current()).thenReturn(Optional.empty());

        assertThat(scheduling.nextRefresh(new SimpleTriggerContext(LAST_END, LAST_END, LAST_END)))
                .isEqualTo(LAST_END.plusMillis(200));
    }

    @Test
    void onceASnapshotIsHeldChangesAreLookedForEveryPollInterval() {
        when(cache.current()).thenReturn(Optional.of(mock(SiteSnapshot.class)));

        assertThat(scheduling.nextRefresh(new SimpleTriggerContext(LAST_END, LAST_END, LAST_END)))
                .isEqualTo(LAST_END.plusSeconds(1));
    }
}
