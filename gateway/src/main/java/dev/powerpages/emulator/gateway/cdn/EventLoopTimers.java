package dev.powerpages.emulator.gateway.cdn;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The clock of the proxied fast path's response timeout: the event loop that serves the visitor's connection, instead
 * of {@code Flux.timeout}'s default, Reactor's shared parallel scheduler (issue 16, target 2b; docs/benchmarks.md "The
 * proxied page, sixth round"). The timeout is the same operator with the same duration, started and cancelled at the
 * same moments; only the timer's queue differs. Each request scheduled a task on a {@code ScheduledThreadPoolExecutor}
 * (its lock and delayed-work queue, shared by every event loop) and cancelled it when the origin answered; Netty's
 * event loop keeps its own queue of scheduled tasks, which the loop's own thread adds to and removes from without a
 * lock or a wake-up. A timeout that fires runs its fallback on that event loop, the thread the request's answer is
 * written from anyway.
 *
 * <p>Reactor's {@link Schedulers#fromExecutorService} is used as is (the library's adapter of a {@code
 * ScheduledExecutorService} to a {@link Scheduler}), one per event loop, never disposed (disposing it would shut the
 * event loop down). A request that is not Reactor Netty's own (a test's mock request) keeps the parallel scheduler.
 */
final class EventLoopTimers {

    /**
     * Spring's server request over Reactor Netty (package-private in Spring, so named). Checked before its native
     * request is asked for: another kind of request may not have one to give (Spring's {@code MockServerHttpRequest}
     * throws), so the native request's type alone cannot tell.
     */
    private static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

    /** One per event loop; a handful of entries, made once each. */
    private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

    /** The timer for a request: its connection's event loop, or Reactor's parallel scheduler. */
    Scheduler of(ServerHttpRequest request) {
        if (request instanceof AbstractServerHttpRequest plain
                && plain.getClass().getName().equals(REACTOR_REQUEST)
                && plain.getNativeRequest() instanceof Connection connection) {
            EventLoop loop = connection.channel().eventLoop();
            Scheduler scheduler = schedulers.get(loop);
            return scheduler != null
                    ? scheduler
                    : schedulers.computeIfAbsent(
                            loop, executor -> Schedulers.fromExecutorService(executor, "edge-event-loop"));
        }
        return Schedulers.parallel();
    }
}
