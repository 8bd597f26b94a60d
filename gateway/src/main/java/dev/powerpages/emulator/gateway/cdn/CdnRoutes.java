package dev.powerpages.emulator.gateway.cdn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Which route a request path takes, remembered from the requests the CDN filter saw, so that {@link CdnFastHits}
 * can build a cache key without Spring Cloud Gateway's route lookup. Sound only while every route is chosen by its
 * path alone (Path predicates, however combined) and no route filter runs before the CDN: then a path always takes
 * the route the gateway's {@code RoutePredicateHandlerMapping} found for it before. With any other predicate (Host,
 * Header, Weight, ...) nothing is remembered and every request takes the whole pipeline. Forgotten whenever the routes
 * are refreshed.
 */
public class CdnRoutes implements ApplicationListener<RefreshRoutesResultEvent> {

    /** Null where the context routes nothing (a web slice of the admin API): then no route is ever known. */
    private final RouteLocator routeLocator;

    /** Bounded as the cache is: only paths with a stored response are remembered. */
    private final Cache<String, String> routeOfPath;

    private final AtomicBoolean checking = new AtomicBoolean();

    /** null until the routes were read; then whether the route of a path depends on the path alone. */
    private volatile Boolean byPathAlone;

    public CdnRoutes(RouteLocator routeLocator, long maxEntries) {
        this.routeLocator = routeLocator;
        this.routeOfPath = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The route the path took before, or null when it is not known (or routes do not go by path alone). */
    String routeOf(String rawPath) {
        Boolean alone = byPathAlone;
        if (alone == null) {
            check();
            return null;
        }
        return alone ? routeOfPath.getIfPresent(rawPath) : null;
    }

    /** Called by the CDN filter, which saw the gateway route the path. */
    void remember(String rawPath, String route) {
        if (Boolean.TRUE.equals(byPathAlone) && routeOfPath.getIfPresent(rawPath) == null) {
            routeOfPath.put(rawPath, route);
        }
    }

    @Override
    public void onApplicationEvent(RefreshRoutesResultEvent event) {
        byPathAlone = null;
        routeOfPath.invalidateAll();
        check();
    }

    /** Reads the routes (Spring Cloud Gateway's cached list: no I/O) without blocking the caller. */
    private void check() {
        if (routeLocator == null) {
            byPathAlone = false;
            return;
        }
        if (checking.compareAndSet(false, true)) {
            routeLocator
                    .getRoutes()
                    .collectList()
                    .doFinally(signal -> checking.set(false))
                    .subscribe(routes -> byPathAlone = byPathAlone(routes), error -> byPathAlone = false);
        }
    }

    static boolean byPathAlone(List<Route> routes) {
        for (Route route : routes) {
            AtomicBoolean pathOnly = new AtomicBoolean(true);
            route.getPredicate().accept(predicate -> {
                if (!(predicate.getConfig() instanceof PathRoutePredicateFactory.Config)) {
                    pathOnly.set(false);
                }
            });
            if (!pathOnly.get()) {
                return false;
            }
            for (GatewayFilter filter : route.getFilters()) {
                if (!(filter instanceof Ordered ordered) || ordered.getOrder() <= EdgeFilterOrder.CDN) {
                    return false;
                }
            }
        }
        return true;
    }
}
