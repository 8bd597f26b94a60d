package dev.powerpages.emulator.gateway.edge;

import dev.powerpages.emulator.gateway.ReactorNettyRequest;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The event loop that serves a visitor's connection, and a Reactor {@link Scheduler} on it: what the answers written
 * on the visitor's loop ({@link AnswersWrittenOnTheVisitorsLoop}), the fast path's response timeout (the CDN's
 * {@code EventLoopTimers}) and an origin connection asked for from another thread ({@link OriginConnectionsPerLoop})
 * run on.
 *
 * <p>Reactor's {@link Schedulers#fromExecutorService} is used as is (the library's adapter of a {@code
 * ScheduledExecutorService}), one per event loop, made once, never disposed: disposing it would shut the loop down.
 * One bean ({@code EventLoopConfiguration}) serves all three users.
 */
public final class VisitorsLoops {

    /** One per event loop; a handful of entries. */
    private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

    /** The loop of the request's connection, or null for a request that is not Reactor Netty's own (a test's mock). */
    public static EventLoop of(ServerHttpRequest request) {
        return ReactorNettyRequest.of(request) instanceof Connection connection
                ? connection.channel().eventLoop()
                : null;
    }

    /** The scheduler that runs its work on {@code loop}. */
    public Scheduler scheduler(EventLoop loop) {
        Scheduler scheduler = schedulers.get(loop);
        return scheduler != null
                ? scheduler
                : schedulers.computeIfAbsent(
                        loop, executor -> Schedulers.fromExecutorService(executor, "edge-event-loop"));
    }
}
