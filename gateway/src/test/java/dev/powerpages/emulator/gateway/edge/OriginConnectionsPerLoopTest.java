package dev.powerpages.emulator.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The origin client's connections kept per event loop: whichever loop a visitor's request is served on, its origin
 * exchange runs on that loop (the connection's loop, where the origin's answer arrives), over connections the loop's
 * pool reuses.
 */
class OriginConnectionsPerLoopTest {

    /** The edge's loops, as EventLoopConfiguration makes them (colocated). */
    private final LoopResources edge = LoopResources.create("test-edge", 4, true);

    private final LoopResources originsOwn = LoopResources.create("test-origin", 1, true);

    private final AtomicInteger accepted = new AtomicInteger();

    private final DisposableServer origin = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .runOn(originsOwn)
            // Once per accepted connection (doOnConnection is called per request on a keep-alive connection).
            .doOnChannelInit((observer, channel, address) -> accepted.incrementAndGet())
            .handle((request, response) -> response.sendString(Mono.just("page " + request.uri())))
            .bindNow();

    private final OriginConnectionsPerLoop pools = new OriginConnectionsPerLoop(
            "proxy", edge.onClient(true), new VisitorsLoops(), loop -> ConnectionProvider.create("proxy-" + loop, 50));

    private final HttpClient client = HttpClient.create(pools).runOn(edge).baseUrl("http://127.0.0.1:" + origin.port());

    /** What one origin exchange saw: the loop that asked, the origin connection's loop, the answer's thread. */
    private record Exchange(EventLoop asked, EventLoop connection, Thread answered, String body) {}

    @AfterEach
    void stop() {
        pools.disposeLater().block(Duration.ofSeconds(10));
        origin.disposeNow();
        edge.disposeLater().block(Duration.ofSeconds(10));
        originsOwn.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void concurrentRequestsOnEveryLoopGetTheirOriginsAnswerOnTheirOwnLoopOverReusedConnections() {
        List<EventLoop> loops = loopsOf(edge.onClient(true));
        assertThat(loops).hasSize(4);
        int perLoop = 8;
        int rounds = 10;
        List<Exchange> exchanges = new CopyOnWriteArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Flux.fromIterable(loops)
                    .flatMap(loop -> Flux.range(0, perLoop)
                            .flatMap(n -> exchangeFrom(loop, "/page/" + n, null))
                            .subscribeOn(Schedulers.fromExecutor(loop)))
                    .doOnNext(exchanges::add)
                    .blockLast(Duration.ofSeconds(30));
        }
        assertThat(exchanges).hasSize(rounds * loops.size() * perLoop);
        for (Exchange exchange : exchanges) {
            assertThat(exchange.connection()).isSameAs(exchange.asked());
            assertThat(exchange.asked().inEventLoop(exchange.answered())).isTrue();
            assertThat(exchange.body()).startsWith("page /page/");
        }
        // Reused: at most one connection per request in flight on a loop, not one per request.
        assertThat(accepted.get()).isBetween(1, loops.size() * perLoop);
    }

    @Test
    void aRequestFromAnotherThreadTakesItsConnectionOnTheVisitorsLoopItsContextNames() {
        List<EventLoop> loops = loopsOf(edge.onClient(true));
        for (EventLoop visitors : loops) {
            // As after the WAF's inspection: on one of its threads, the visitor's loop in the request's context.
            Exchange exchange = exchangeFrom(null, "/after-inspection", visitors)
                    .subscribeOn(Schedulers.boundedElastic())
                    .block(Duration.ofSeconds(10));
            assertThat(exchange.connection()).isSameAs(visitors);
            assertThat(visitors.inEventLoop(exchange.answered())).isTrue();
        }
        assertThat(accepted.get()).isEqualTo(loops.size());
        // The next round reuses the four connections, each on its loop.
        for (EventLoop visitors : loops) {
            Exchange exchange = exchangeFrom(null, "/again", visitors).block(Duration.ofSeconds(10));
            assertThat(exchange.connection()).isSameAs(visitors);
        }
        assertThat(accepted.get()).isEqualTo(loops.size());
    }

    @Test
    void aFixedPoolsConnectionLimitIsSharedOutBetweenTheLoopsUnderTheirOwnNames() {
        HttpClientProperties properties = new HttpClientProperties();
        properties.getPool().setType(HttpClientProperties.Pool.PoolType.FIXED);
        properties.getPool().setMaxConnections(10);
        properties.getPool().setMaxIdleTime(Duration.ofSeconds(10));
        properties.getPool().setAcquireTimeout(1234L);

        HttpClientProperties.Pool third =
                OriginClientFactory.share(properties, 2, 4).getPool();
        assertThat(third.getName()).isEqualTo("proxy-2");
        assertThat(third.getMaxConnections()).isEqualTo(3);
        assertThat(third.getType()).isEqualTo(HttpClientProperties.Pool.PoolType.FIXED);
        assertThat(third.getMaxIdleTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(third.getAcquireTimeout()).isEqualTo(1234L);
        // Never none: one connection per loop at least.
        properties.getPool().setMaxConnections(2);
        assertThat(OriginClientFactory.share(properties, 3, 4).getPool().getMaxConnections())
                .isOne();
    }

    /**
     * One origin exchange, subscribed on {@code loop} when given (a visitor's request served there), with {@code
     * visitors} in its context when given.
     */
    private Mono<Exchange> exchangeFrom(EventLoop loop, String path, EventLoop visitors) {
        return Mono.defer(() -> {
            EventLoop asked = loop != null ? loop : visitors;
            Mono<Exchange> exchange = client.get()
                    .uri(path)
                    .responseConnection((response, connection) -> connection
                            .inbound()
                            .receive()
                            .aggregate()
                            .asString()
                            .map(body -> new Exchange(
                                    asked, connection.channel().eventLoop(), Thread.currentThread(), body)))
                    .single();
            return visitors == null
                    ? exchange
                    : exchange.contextWrite(context -> OriginConnectionsPerLoop.withVisitorsLoop(context, visitors));
        });
    }

    private static List<EventLoop> loopsOf(EventLoopGroup group) {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            loops.add((EventLoop) executor);
        }
        return loops;
    }
}
