package dev.powerpages.emulator.appnode.webapi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Business data read through the Web API, cached as Power Pages documents its server-side cache for
 * non-configuration tables: per user (all anonymous visitors share one entry), cleared for a table when the site
 * itself writes to it, and at the latest after {@code webapi.cache-max-age} — a change made elsewhere (another
 * app, the maker) may show only then.
 */
@Component
public class BusinessDataCache {

    /** The user the answer was read for, the table (entity set) and the exact request. */
    public record Key(String user, String entitySet, String request) {}

    private final Cache<Key, JsonNode> answers;

    BusinessDataCache(WebApiProperties properties, MeterRegistry meters) {
        this.answers = Caffeine.newBuilder()
                .maximumSize(properties.cacheMaxEntries())
                .expireAfterWrite(properties.cacheMaxAge())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, answers, "webapi-data");
    }

    public JsonNode get(Key key, Supplier<JsonNode> read) {
        return answers.get(key, k -> read.get());
    }

    /** The site wrote to the table: no user may see an answer read before the write. */
    public void clearTable(String entitySet) {
        answers.asMap().keySet().removeIf(key -> key.entitySet().equalsIgnoreCase(entitySet));
    }

    /** "Clear cache" of the about page. */
    public void clear() {
        answers.invalidateAll();
    }

    public CacheStats stats() {
        return answers.stats();
    }

    public long size() {
        return answers.estimatedSize();
    }
}
