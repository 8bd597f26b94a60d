package dev.powerpages.emulator.gateway.edge;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.TransportConfig;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The origin client's connection pools, one per event loop of the edge: a request's origin connection is taken from
 * the pool of the visitor connection's loop, and every connection in that pool lives on that loop, so the origin's
 * answer arrives on the thread that writes the visitor's answer (issue 16, target 2b; docs/cdn.md "Origin connections
 * per event loop").
 *
 * <p>Why: Reactor Netty's pool hands out whichever idle connection comes first, on whichever loop it lives
 * (reactor-netty 1.3's {@code PooledConnectionProvider} keys its pools by remote address and client configuration,
 * not by the caller's loop; only a new connection is made on the caller's loop, by the colocated {@link
 * reactor.netty.resources.LoopResources}). With two or more loops about half the proxied pages' origin answers came
 * on another loop than the visitor's: handed to the origin connection's loop to be sent, handed back by {@link
 * AnswersWrittenOnTheVisitorsLoop} to be answered, two task hand-overs and wake-ups more per page (docs/benchmarks.md
 * "Keep-alive after a HEAD: requests left unanswered", what the hop costs).
 *
 * <p>The loop is the visitor's, which {@link AnswersWrittenOnTheVisitorsLoop} puts in the request's Reactor context
 * ({@link #withVisitorsLoop}); else the calling thread's, when it is one of the edge's loops; else (a client used
 * outside a visitor's request) the next loop in turn. A pool is only ever asked for a connection from its own loop
 * (the acquisition is subscribed there when the caller is elsewhere: after the WAF's inspection, on its own thread),
 * so a connection it makes is made on that loop by the colocated loop resources. Each pool has the settings of Spring
 * Cloud Gateway's one pool, its connection limit shared out between the loops ({@link OriginClientFactory}).
 */
public final class OriginConnectionsPerLoop implements ConnectionProvider {

    /** The Reactor context key of the visitor connection's loop. */
    private static final String VISITORS_LOOP = OriginConnectionsPerLoop.class.getName() + ".visitorsLoop";

    private final EventLoop[] loops;

    private final ConnectionProvider[] pools;

    /** Where an acquisition asked for from another thread is subscribed: the pool's own loop. */
    private final VisitorsLoops schedulers;

    private final AtomicInteger next = new AtomicInteger();

    private final String name;

    /**
     * One pool per loop of {@code group}, each made by {@code poolOfLoop} from the loop's index.
     *
     * @param group the edge's event loops, the ones the origin client runs on (colocated)
     * @param schedulers the schedulers on those loops
     */
    public OriginConnectionsPerLoop(
            String name, EventLoopGroup group, VisitorsLoops schedulers, IntFunction<ConnectionProvider> poolOfLoop) {
        List<EventLoop> found = new ArrayList<>();
        for (EventExecutor executor : group) {
            found.add((EventLoop) executor);
        }
        this.name = name;
        this.schedulers = schedulers;
        this.loops = found.toArray(EventLoop[]::new);
        this.pools = new ConnectionProvider[loops.length];
        for (int i = 0; i < loops.length; i++) {
            pools[i] = poolOfLoop.apply(i);
        }
    }

    /** {@code context} naming {@code loop} as the visitor connection's: its origin connection is taken there. */
    public static Context withVisitorsLoop(Context context, EventLoop loop) {
        return context.put(VISITORS_LOOP, loop);
    }

    @Override
    public Mono<? extends Connection> acquire(
            TransportConfig config,
            ConnectionObserver connectionObserver,
            Supplier<? extends SocketAddress> remoteAddress,
            AddressResolverGroup<?> resolverGroup) {
        return Mono.deferContextual(context -> {
            int loop = loopFor(context);
            Mono<? extends Connection> acquired =
                    pools[loop].acquire(config, connectionObserver, remoteAddress, resolverGroup);
            return loops[loop].inEventLoop() ? acquired : acquired.subscribeOn(schedulers.scheduler(loops[loop]));
        });
    }

    /** The index of the loop whose pool serves a caller with this context on this thread. */
    int loopFor(ContextView context) {
        Object visitors = context.getOrDefault(VISITORS_LOOP, null);
        for (int i = 0; i < loops.length; i++) {
            if (visitors == loops[i]) {
                return i;
            }
        }
        for (int i = 0; i < loops.length; i++) {
            if (loops[i].inEventLoop()) {
                return i;
            }
        }
        return Math.floorMod(next.getAndIncrement(), loops.length);
    }

    /** How many loops, so many pools. */
    int loops() {
        return loops.length;
    }

    @Override
    public Mono<Void> disposeLater() {
        List<Mono<Void>> disposed = new ArrayList<>(pools.length);
        for (ConnectionProvider pool : pools) {
            disposed.add(pool.disposeLater());
        }
        return Mono.when(disposed);
    }

    @Override
    public boolean isDisposed() {
        for (ConnectionProvider pool : pools) {
            if (!pool.isDisposed()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void disposeWhen(SocketAddress remoteAddress) {
        for (ConnectionProvider pool : pools) {
            pool.disposeWhen(remoteAddress);
        }
    }

    /** The sum of the pools' limits. */
    @Override
    public int maxConnections() {
        long sum = 0;
        for (ConnectionProvider pool : pools) {
            sum += pool.maxConnections();
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    @Override
    public String name() {
        return name;
    }
}
