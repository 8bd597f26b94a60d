package dev.powerpages.emulator.gateway.origin;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Names the origin for a Traffic Manager profile the way a DNS client does.
 * <ul>
 * <li>An answer is used for exactly its TTL: traffic keeps going to the old endpoint until the
 * TTL runs out, even if the traffic manager has changed its mind (Azure Traffic Manager works
 * through DNS, so failover is only as fast as clients' caches expire).</li>
 * <li>While the traffic manager cannot be reached, the last good answer stays in use (RFC 8767,
 * "serve stale"), and the traffic manager is asked again every
 * {@code gateway.traffic-manager.retry-interval}. One warning is logged per outage.</li>
 * <li>A 404 (profile disabled or without endpoints, Traffic Manager's NXDOMAIN) is authoritative
 * and drops the cached answer.</li>
 * <li>Concurrent requests that find the answer expired share one lookup.</li>
 * </ul>
 */
public class OriginResolver {

    private static final Logger log = LoggerFactory.getLogger(OriginResolver.class);

    private final TrafficManagerClient client;

    private final TrafficManagerProperties properties;

    private final Clock clock;

    private final ConcurrentMap<String, ProfileCache> profiles = new ConcurrentHashMap<>();

    public OriginResolver(TrafficManagerClient client, TrafficManagerProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @return the endpoint that takes the profile's traffic; errors with
     * {@link NoOriginException} when none can be named
     */
    public Mono<ResolveAnswer> resolve(String profile) {
        return Mono.defer(
                () -> profiles.computeIfAbsent(profile, ProfileCache::new).resolve());
    }

    /**
     * The answer {@link #resolve} would give right now without asking the traffic manager: the held answer while it is
     * usable (its TTL, or the serve-stale retry interval), else null (then only {@link #resolve} can name the origin).
     * For a caller that answers ahead of the reactive pipeline and leaves every lookup to it.
     */
    public ResolveAnswer usableAnswer(String profile) {
        ProfileCache cache = profiles.get(profile);
        CachedAnswer cached = cache == null ? null : cache.current.get();
        return cached != null && cached.usableAt(clock.instant()) ? cached.answer() : null;
    }

    /** The answer held for the profile, if any, for the admin view. */
    public Optional<CachedAnswer> cached(String profile) {
        ProfileCache cache = profiles.get(profile);
        return Optional.ofNullable(cache == null ? null : cache.current.get());
    }

    public Clock clock() {
        return clock;
    }

    private enum Problem {
        NONE,
        UNREACHABLE,
        NO_ENDPOINT
    }

    private final class ProfileCache {

        private final String profile;

        private final AtomicReference<CachedAnswer> current = new AtomicReference<>();

        private final AtomicReference<Mono<ResolveAnswer>> lookupInFlight = new AtomicReference<>();

        /** The problem last logged, so that an outage is logged once, not per request. */
        private final AtomicReference<Problem> problem = new AtomicReference<>(Problem.NONE);

        ProfileCache(String profile) {
            this.profile = profile;
        }

        Mono<ResolveAnswer> resolve() {
            CachedAnswer cached = current.get();
            if (cached != null && cached.usableAt(clock.instant())) {
                return Mono.just(cached.answer());
            }
            return sharedLookup();
        }

        /** Joins the lookup in flight, or starts one that later callers join. */
        private Mono<ResolveAnswer> sharedLookup() {
            while (true) {
                Mono<ResolveAnswer> running = lookupInFlight.get();
                if (running != null) {
                    return running;
                }
                // cache() shares one subscription to the traffic manager among all joiners. Each
                // outcome frees the slot right after updating current, before any joiner sees the
                // result, so a caller that comes later reads the new state rather than this lookup.
                AtomicReference<Mono<ResolveAnswer>> self = new AtomicReference<>();
                Mono<ResolveAnswer> lookup = Mono.defer(this::lookup)
                        .doFinally(signal -> lookupInFlight.compareAndSet(self.get(), null))
                        .cache();
                self.set(lookup);
                if (lookupInFlight.compareAndSet(null, lookup)) {
                    return lookup;
                }
            }
        }

        private Mono<ResolveAnswer> lookup() {
            return client.resolve(profile)
                    .map(this::accept)
                    .onErrorResume(ProfileNotFoundException.class, this::noEndpoint)
                    .onErrorResume(TrafficManagerUnreachableException.class, this::unreachable);
        }

        private ResolveAnswer accept(ResolveAnswer answer) {
            current.set(CachedAnswer.fresh(answer, clock.instant()));
            lookupInFlight.set(null);
            if (problem.getAndSet(Problem.NONE) != Problem.NONE) {
                log.info(
                        "Traffic manager answers again for profile '{}': endpoint {} ({})",
                        profile,
                        answer.endpoint(),
                        answer.url());
            }
            return answer;
        }

        private Mono<ResolveAnswer> noEndpoint(ProfileNotFoundException error) {
            current.set(null);
            lookupInFlight.set(null);
            if (problem.getAndSet(Problem.NO_ENDPOINT) != Problem.NO_ENDPOINT) {
                log.warn("{}; requests get 503 until it names one", error.getMessage());
            }
            return Mono.error(new NoOriginException(
                    "NoOriginAvailable",
                    "The traffic manager names no endpoint for profile '" + profile + "'.",
                    error));
        }

        private Mono<ResolveAnswer> unreachable(TrafficManagerUnreachableException error) {
            boolean outageStarts = problem.getAndSet(Problem.UNREACHABLE) != Problem.UNREACHABLE;
            CachedAnswer last = current.get();
            if (last == null) {
                lookupInFlight.set(null);
                if (outageStarts) {
                    log.warn("{}; no earlier answer, requests get 503 until it answers", error.getMessage());
                }
                return Mono.error(new NoOriginException(
                        "TrafficManagerUnreachable",
                        "The traffic manager cannot be reached and no origin is known for profile '" + profile + "'.",
                        error));
            }
            if (outageStarts) {
                log.warn(
                        "{}; keeps sending to the last good endpoint {} ({}) until it answers again",
                        error.getMessage(),
                        last.answer().endpoint(),
                        last.answer().url());
            }
            current.set(last.servedStaleUntil(clock.instant().plus(properties.retryInterval()), error.getMessage()));
            lookupInFlight.set(null);
            return Mono.just(last.answer());
        }
    }
}
