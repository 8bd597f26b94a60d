package dev.powerpages.emulator.gateway.admin;

import dev.powerpages.emulator.gateway.origin.CachedAnswer;
import dev.powerpages.emulator.gateway.origin.OriginResolver;
import dev.powerpages.emulator.gateway.origin.ResolveAnswer;
import dev.powerpages.emulator.gateway.origin.TrafficManagerProperties;
import java.net.URI;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /_edge/admin/origin}: the resolve answer the edge is acting on, like looking into a
 * DNS client's cache: its age, what is left of its TTL, and whether it is a stale last-good
 * answer kept because the traffic manager cannot be reached.
 */
@RestController
class OriginAdminController {

    private final OriginResolver resolver;

    private final TrafficManagerProperties properties;

    OriginAdminController(OriginResolver resolver, TrafficManagerProperties properties) {
        this.resolver = resolver;
        this.properties = properties;
    }

    @GetMapping(EdgeAdminSecurity.PREFIX + "/origin")
    OriginView origin() {
        Instant now = resolver.clock().instant();
        return resolver.cached(properties.profile())
                .map(cached -> OriginView.of(properties, cached, now))
                .orElseGet(() -> OriginView.none(properties));
    }

    /**
     * @param answer the traffic manager's answer as received, or null before the first one
     */
    record OriginView(
            String profile,
            URI trafficManager,
            ResolveAnswer answer,
            Instant fetchedAt,
            Long ageSeconds,
            Long ttlSeconds,
            Long remainingTtlSeconds,
            boolean stale,
            String lastError) {

        static OriginView of(TrafficManagerProperties properties, CachedAnswer cached, Instant now) {
            return new OriginView(
                    properties.profile(),
                    properties.url(),
                    cached.answer(),
                    cached.fetchedAt(),
                    cached.age(now).toSeconds(),
                    cached.answer().ttl(),
                    cached.remainingTtl(now).toSeconds(),
                    cached.stale(),
                    cached.lastError());
        }

        static OriginView none(TrafficManagerProperties properties) {
            return new OriginView(properties.profile(), properties.url(), null, null, null, null, null, false, null);
        }
    }
}
