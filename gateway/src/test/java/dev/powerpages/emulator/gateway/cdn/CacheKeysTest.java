package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private static CdnSettings settings(QueryStringCachingBehavior behavior, String... parameters) {
        return new CdnSettings(true, CachingRule.FrontDoorRoute, behavior, List.of(parameters), null, true);
    }

    @Test
    void useQueryStringSortsParametersSoOrderDoesNotMatter() {
        var use = settings(QueryStringCachingBehavior.UseQueryString);
        assertThat(CacheKeys.query("b=2&a=1&a=0", use)).isEqualTo("a=0&a=1&b=2");
        assertThat(CacheKeys.query("a=1&b=2", use)).isEqualTo(CacheKeys.query("b=2&a=1", use));
        assertThat(CacheKeys.query("flag&a=", use)).isEqualTo("a=&flag");
    }

    @Test
    void ignoreQueryStringDropsItEntirely() {
        assertThat(CacheKeys.query("v=1", settings(QueryStringCachingBehavior.IgnoreQueryString)))
                .isEmpty();
    }

    @Test
    void specifiedParametersAreKeptOrDropped() {
        assertThat(CacheKeys.query(
                        "utm=x&v=2&id=7", settings(QueryStringCachingBehavior.IncludeSpecifiedQueryStrings, "v", "id")))
                .isEqualTo("id=7&v=2");
        assertThat(CacheKeys.query(
                        "utm=x&v=2&id=7", settings(QueryStringCachingBehavior.IgnoreSpecifiedQueryStrings, "utm")))
                .isEqualTo("id=7&v=2");
    }
}
