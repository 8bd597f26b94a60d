package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;

/** RFC 9111 freshness and age, and the two rules' lifetimes. */
class FreshnessTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final CachePolicy policy = new CachePolicy(properties(), null);

    private static CdnProperties properties() {
        return new CdnProperties(
                true,
                CachingRule.FrontDoorRoute,
                QueryStringCachingBehavior.UseQueryString,
                null,
                List.of("css"),
                List.of(),
                100,
                DataSize.ofMegabytes(1),
                DataSize.ofKilobytes(100),
                Duration.ofDays(1),
                Duration.ofDays(3),
                Duration.ofHours(1),
                true,
                new CdnProperties.Compression(false, DataSize.ofKilobytes(1), DataSize.ofMegabytes(8), List.of()),
                new CdnProperties.SiteSettings(
                        false, null, "contoso", "id", "secret", Duration.ofMinutes(5), Duration.ofSeconds(1)));
    }

    private static CdnSettings rule(CachingRule rule) {
        return new CdnSettings(true, rule, QueryStringCachingBehavior.UseQueryString, List.of(), null, false);
    }

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    private Duration lifetime(CachingRule rule, String... nameValues) {
        return policy.lifetime(rule(rule), headers(nameValues), NOW);
    }

    @Test
    void sMaxageWinsOverMaxAgeWhichWinsOverExpires() {
        String expires = HttpDates.format(NOW.plusSeconds(50));
        assertThat(lifetime(CachingRule.FrontDoorRoute, "Cache-Control", "max-age=10, s-maxage=20", "Expires", expires))
                .hasSeconds(20);
        assertThat(lifetime(CachingRule.FrontDoorRoute, "Cache-Control", "max-age=10", "Expires", expires))
                .hasSeconds(10);
        assertThat(lifetime(CachingRule.FrontDoorRoute, "Expires", expires)).hasSeconds(50);
        assertThat(lifetime(CachingRule.FrontDoorRoute, "Expires", "0")).isZero();
    }

    @Test
    void withoutFreshnessInformationFrontDoorPicksOneToThreeDays() {
        for (int i = 0; i < 20; i++) {
            assertThat(lifetime(CachingRule.FrontDoorRoute)).isBetween(Duration.ofDays(1), Duration.ofDays(3));
        }
    }

    @Test
    void powerPagesRefreshesEveryEntryAtLeastHourly() {
        assertThat(lifetime(CachingRule.PowerPages, "Cache-Control", "public, max-age=86400"))
                .isEqualTo(Duration.ofHours(1));
        assertThat(lifetime(CachingRule.PowerPages)).isEqualTo(Duration.ofHours(1));
        assertThat(lifetime(CachingRule.PowerPages, "Cache-Control", "max-age=300"))
                .hasSeconds(300);
    }

    @Test
    void ageCountsTheAgeHeaderTheTransitAndTheTimeInTheCache() {
        var stored = stored(headers("Age", "30", "Date", HttpDates.format(NOW)), Duration.ofSeconds(100));
        // Age 30 + 2 s on the way (response delay) + 10 s stored (since the response arrived at NOW + 2).
        assertThat(stored.age(NOW.plusSeconds(12))).isEqualTo(Duration.ofSeconds(30 + 2 + 10));
        assertThat(stored.fresh(NOW.plusSeconds(55))).isTrue();
        assertThat(stored.fresh(NOW.plusSeconds(70))).isFalse();
    }

    @Test
    void anInvalidAgeMakesTheResponseStale() {
        for (String age : List.of("abc", "-1", "1.5", "0, 0", "10;x=1")) {
            var stored = stored(headers("Age", age, "Date", HttpDates.format(NOW)), Duration.ofHours(1));
            assertThat(stored.fresh(NOW.plusSeconds(2))).as("Age: %s", age).isFalse();
        }
    }

    private static StoredResponse stored(HttpHeaders headers, Duration lifetime) {
        // Sent at NOW, answered 2 s later.
        return new StoredResponse(
                200, headers, new byte[0], null, Map.of(), NOW, NOW.plusSeconds(2), lifetime, false, false);
    }
}
