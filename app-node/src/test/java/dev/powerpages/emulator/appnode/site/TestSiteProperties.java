package dev.powerpages.emulator.appnode.site;

import java.time.Duration;
import java.util.List;

/** {@link SiteProperties} as application.yml sets them (a 2 s change poll), for tests that build a site by hand. */
public final class TestSiteProperties {

    private TestSiteProperties() {}

    /** The defaults, with no further tables. */
    public static SiteProperties defaults() {
        return withTables(List.of());
    }

    /** The defaults, reading these further tables with every snapshot ({@code site.tables}). */
    public static SiteProperties withTables(List<String> tables) {
        return with(Duration.ofSeconds(2), tables);
    }

    /** The defaults with another change poll interval. */
    public static SiteProperties withChangePollInterval(Duration changePollInterval) {
        return with(changePollInterval, List.of());
    }

    private static SiteProperties with(Duration changePollInterval, List<String> tables) {
        return new SiteProperties(
                "",
                Duration.ofSeconds(5),
                changePollInterval,
                Duration.ofSeconds(60),
                1_000_000,
                "public, max-age=3600",
                Duration.ofSeconds(60),
                tables,
                Duration.ofMillis(200));
    }
}
