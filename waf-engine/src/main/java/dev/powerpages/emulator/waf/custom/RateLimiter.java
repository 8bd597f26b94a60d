package dev.powerpages.emulator.waf.custom;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts requests per rate-limit rule and client address in fixed windows of the rule's duration
 * (Front Door's rateLimitDurationInMinutes, 1 or 5). Counters expire with their window, so memory
 * stays bounded by the number of active clients.
 */
public final class RateLimiter {

    private final Cache<String, Window> windows = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    /** Counts this request and answers whether the client is now over the threshold. */
    public boolean overLimit(String rule, String clientIp, int durationMinutes, int threshold, Instant now) {
        long windowMillis = Duration.ofMinutes(durationMinutes).toMillis();
        long windowStart = now.toEpochMilli() / windowMillis;
        Window window = windows.asMap().compute(rule + "|" + clientIp, (key, current) -> {
            if (current == null || current.start() != windowStart) {
                return new Window(windowStart, 1);
            }
            return new Window(windowStart, current.count() + 1);
        });
        return window.count() > threshold;
    }

    /** Forgets every counter, e.g. when the policy changes. */
    public void reset() {
        windows.invalidateAll();
    }

    private record Window(long start, int count) {}
}
