package dev.powerpages.emulator.gateway.edge;

import java.util.List;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Spring Cloud Gateway's origin client (the one bean {@code NettyRoutingFilter} and the proxied fast path use), as its
 * own {@link HttpClientFactory} makes it (timeouts, SSL, proxy, decoder settings, the customizers), with its
 * connection pool kept per event loop ({@link OriginConnectionsPerLoop}) while {@code
 * gateway.event-loops.origin-pool-per-loop} is on.
 *
 * <p>Each loop's pool is made by Spring Cloud Gateway's own code from its pool settings ({@code
 * spring.cloud.gateway.server.webflux.httpclient.pool.*}), with two changes: the name gets the loop's index ({@code
 * proxy-0}, {@code proxy-1}: the pools' meters, with {@code pool.metrics}, would otherwise be one gauge), and a {@code
 * FIXED} pool's {@code max-connections} is shared out between the loops (rounded up), so the origin sees no more
 * connections than configured (give or take one per loop). A visitor's request then waits for a connection of its own
 * loop's share; an {@code ELASTIC} pool (the default) has no limit to share. With HTTP/2 on ({@code
 * server.http2.enabled}) or the pool disabled, the one pool stays: Reactor Netty's HTTP/2 provider is built from the
 * pool's builder, which a pool per loop has not, and without a pool each connection is new anyway.
 */
public class OriginClientFactory extends HttpClientFactory {

    private final LoopResources loops;

    private final boolean perLoop;

    private final VisitorsLoops visitorsLoops;

    private volatile ConnectionProvider provider;

    public OriginClientFactory(
            HttpClientProperties properties,
            ServerProperties serverProperties,
            HttpClientSslConfigurer sslConfigurer,
            List<HttpClientCustomizer> customizers,
            LoopResources loops,
            VisitorsLoops visitorsLoops,
            boolean perLoop) {
        super(properties, serverProperties, sslConfigurer, customizers);
        this.loops = loops;
        this.visitorsLoops = visitorsLoops;
        this.perLoop = perLoop;
    }

    @Override
    protected ConnectionProvider buildConnectionProvider(HttpClientProperties properties) {
        HttpClientProperties.Pool pool = properties.getPool();
        ConnectionProvider built;
        if (!perLoop
                || serverProperties.getHttp2().isEnabled()
                || pool.getType() == HttpClientProperties.Pool.PoolType.DISABLED) {
            built = super.buildConnectionProvider(properties);
        } else {
            // The loops the client runs on (EventLoopConfiguration's customizer): new connections are colocated there.
            int count = count(loops);
            built = new OriginConnectionsPerLoop(
                    pool.getName(),
                    loops.onClient(LoopResources.DEFAULT_NATIVE),
                    visitorsLoops,
                    loop -> super.buildConnectionProvider(share(properties, loop, count)));
        }
        provider = built;
        return built;
    }

    /** The pool settings of loop {@code loop} of {@code count}. */
    static HttpClientProperties share(HttpClientProperties properties, int loop, int count) {
        HttpClientProperties.Pool pool = properties.getPool();
        HttpClientProperties.Pool share = new HttpClientProperties.Pool();
        share.setType(pool.getType());
        share.setName(pool.getName() + "-" + loop);
        share.setMaxConnections(
                pool.getMaxConnections() == null ? null : Math.max(1, ceilDiv(pool.getMaxConnections(), count)));
        share.setAcquireTimeout(pool.getAcquireTimeout());
        share.setMaxIdleTime(pool.getMaxIdleTime());
        share.setMaxLifeTime(pool.getMaxLifeTime());
        share.setEvictionInterval(pool.getEvictionInterval());
        share.setMetrics(pool.isMetrics());
        share.setLeasingStrategy(pool.getLeasingStrategy());
        HttpClientProperties shared = new HttpClientProperties();
        shared.setPool(share);
        return shared;
    }

    private static int ceilDiv(int dividend, int divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private static int count(LoopResources loops) {
        int count = 0;
        for (var ignored : loops.onClient(LoopResources.DEFAULT_NATIVE)) {
            count++;
        }
        return count;
    }

    /** The pools closed with the context (Spring Cloud Gateway's own factory leaves its pool open). */
    @Override
    protected void destroyInstance(HttpClient instance) {
        ConnectionProvider built = provider;
        if (built != null) {
            built.dispose();
        }
    }
}
