package dev.powerpages.emulator.gateway.cdn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;

/**
 * The edge's store on Caffeine: each {@link EntryKey} holds its variants (one per distinct set of
 * {@code Vary}-named request headers). Memory is bounded by weight (bytes) and, through the
 * weigher, by entry count: Caffeine cannot bound both at once, so the entry bound is enforced by
 * giving every variant a minimum weight of {@code maxSize / maxEntries}.
 */
public class EdgeCache {

    private final Cache<EntryKey, List<StoredResponse>> cache;

    public EdgeCache(CdnProperties properties, MeterRegistry registry) {
        long maxBytes = properties.maxSize().toBytes();
        long minWeight = Math.max(1, maxBytes / Math.max(1, properties.maxEntries()));
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<EntryKey, List<StoredResponse>>weigher((key, variants) -> {
                    long weight = 0;
                    for (StoredResponse variant : variants) {
                        weight += Math.max(minWeight, variant.weight());
                    }
                    return (int) Math.min(Integer.MAX_VALUE, weight);
                })
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "gateway.cdn");
    }

    /** The stored variant whose {@code Vary}-named request headers match the request's. */
    Optional<StoredResponse> find(EntryKey key, HttpHeaders requestHeaders) {
        List<StoredResponse> variants = cache.getIfPresent(key);
        if (variants == null) {
            return Optional.empty();
        }
        for (StoredResponse variant : variants) {
            if (Variants.matches(variant, requestHeaders)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }

    /** Stores the response, replacing the variant it supersedes (same Vary values). */
    void put(EntryKey key, StoredResponse response) {
        cache.asMap().compute(key, (k, existing) -> {
            List<StoredResponse> variants = new ArrayList<>();
            if (existing != null) {
                for (StoredResponse variant : existing) {
                    if (!variant.varyValues().equals(response.varyValues())) {
                        variants.add(variant);
                    }
                }
            }
            variants.add(0, response);
            return List.copyOf(variants);
        });
    }

    void remove(EntryKey key, StoredResponse variant) {
        cache.asMap().computeIfPresent(key, (k, existing) -> {
            List<StoredResponse> rest =
                    existing.stream().filter(v -> v != variant).toList();
            return rest.isEmpty() ? null : rest;
        });
    }

    /** Removes every entry of the path, whatever its query string (RFC 9111 4.4 invalidation). */
    void invalidatePath(String route, String path) {
        cache.asMap()
                .keySet()
                .removeIf(key -> key.route().equals(route) && key.path().equals(path));
    }

    /** Removes the entries whose path matches; answers how many keys went. */
    int purge(Predicate<String> pathMatches) {
        List<EntryKey> purged = cache.asMap().keySet().stream()
                .filter(key -> pathMatches.test(key.path()))
                .toList();
        cache.invalidateAll(purged);
        return purged.size();
    }

    long size() {
        return cache.estimatedSize();
    }

    Cache<EntryKey, List<StoredResponse>> caffeine() {
        return cache;
    }
}
