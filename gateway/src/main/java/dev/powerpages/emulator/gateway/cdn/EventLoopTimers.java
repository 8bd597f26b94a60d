package dev.powerpages.emulator.gateway.cdn;

import dev.powerpages.emulator.gateway.edge.VisitorsLoops;
import io.netty.channel.EventLoop;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

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
 * <p>The loop and its scheduler are {@link VisitorsLoops}'. A request that is not Reactor Netty's own (a test's mock
 * request) keeps the parallel scheduler.
 */
final class EventLoopTimers {

    private final VisitorsLoops loops;

    EventLoopTimers(VisitorsLoops loops) {
        this.loops = loops;
    }

    /** The timer for a request: its connection's event loop, or Reactor's parallel scheduler. */
    Scheduler of(ServerHttpRequest request) {
        EventLoop loop = VisitorsLoops.of(request);
        return loop == null ? Schedulers.parallel() : loops.scheduler(loop);
    }
}
