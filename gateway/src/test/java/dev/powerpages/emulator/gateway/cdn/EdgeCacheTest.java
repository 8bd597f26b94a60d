package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;

class EdgeCacheTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private EdgeCache cache(long maxEntries, DataSize maxSize) {
        return new EdgeCache(
                new CdnProperties(
                        true,
                        CachingRule.FrontDoorRoute,
                        QueryStringCachingBehavior.UseQueryString,
                        null,
                        List.of(),
                        List.of(),
                        maxEntries,
                        maxSize,
                        DataSize.ofMegabytes(1),
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofHours(1),
                        true,
                        new CdnProperties.Compression(
                                false, DataSize.ofKilobytes(1), DataSize.ofMegabytes(8), List.of()),
                        new CdnProperties.SiteSettings(
                                false, null, "contoso", "id", "secret", Duration.ofMinutes(5), Duration.ofSeconds(1))),
                registry);
    }

    private static StoredResponse response(int bodyBytes) {
        Instant now = Instant.now();
        return new StoredResponse(
                200,
                new HttpHeaders(),
                new byte[bodyBytes],
                null,
                Map.of(),
                now,
                now,
                Duration.ofMinutes(5),
                false,
                false);
    }

    private static EntryKey key(int i) {
        return new EntryKey("site", "/file-" + i + ".css", "");
    }

    @Test
    void theEntryCountIsBoundedAndEvictionsAreCounted() {
        EdgeCache cache = cache(10, DataSize.ofMegabytes(10));
        for (int i = 0; i < 50; i++) {
            cache.put(key(i), response(100));
        }
        cache.caffeine().cleanUp();

        assertThat(cache.size()).isLessThanOrEqualTo(10);
        assertThat(registry.get("cache.evictions")
                        .tag("cache", "gateway.cdn")
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(40);
    }

    @Test
    void theStoredBytesAreBounded() {
        EdgeCache cache = cache(1000, DataSize.ofKilobytes(64));
        for (int i = 0; i < 40; i++) {
            cache.put(key(i), response(8 * 1024));
        }
        cache.caffeine().cleanUp();

        long storedBytes = cache.caffeine()
                .policy()
                .eviction()
                .orElseThrow()
                .weightedSize()
                .orElseThrow();
        assertThat(storedBytes).isLessThanOrEqualTo(64 * 1024);
        assertThat(cache.size()).isLessThanOrEqualTo(8);
    }

    @Test
    void purgeByWildcardLeavesOtherFolders() {
        EdgeCache cache = cache(100, DataSize.ofMegabytes(1));
        cache.put(new EntryKey("site", "/css/a.css", ""), response(1));
        cache.put(new EntryKey("site", "/css/a.css", "v=2"), response(1));
        cache.put(new EntryKey("site", "/js/a.js", ""), response(1));

        assertThat(cache.purge(Purge.matcher(List.of("/css/a.css")))).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(1);
    }
}
