package dev.powerpages.emulator.gateway.edge;

import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Writes every answer, and ends the handling of every request, on the event loop of the visitor's connection, so that
 * the request after it on a keep-alive connection is never left unanswered.
 *
 * <p>Why: since Reactor Netty 1.2.18 / 1.3.6 (reactor/reactor-netty#4188, fixed by #4189), a request that arrives on a
 * keep-alive connection while the previous request's {@code HttpServerOperations} is still bound to the channel is
 * buffered, and the buffer is drained when those operations terminate ({@code HttpServerOperationsTerminatedEvent})
 * only while the connection is persistent. A request that asks to close the connection ({@code Connection: close}, or
 * HTTP/1.0 without keep-alive) has marked it non-persistent before it is buffered, so it is never drained: no answer,
 * the connection left open (still so in 1.3.8: {@code HttpTrafficHandler.userEventTriggered}; a related report, a
 * buffered request answered synchronously leaving the connection unread, is reactor/reactor-netty#4361). The window opens when the end of an
 * answer is written from another thread than the connection's loop ({@code HttpServerOperations.onOutboundComplete},
 * reached from a handler that completes there, or from {@code send(Mono)} when the body comes there): the write is
 * queued to the loop, and when that thread adds its completion listener after the write has completed, the listener,
 * which terminates the operations, is queued behind the loop's next read, by which time the visitor has read the
 * answer and sent the next request (Reactor Netty's debug log: the request buffered between the answer's last frame
 * and "Last HTTP packet was sent, terminating the channel"). A HEAD answer (no body to write: the handler completes where the origin's empty
 * answer completed, the origin connection's loop, or the WAF's thread for a blocked HEAD) and the proxied fast path's
 * page written in one piece (from the origin connection's loop) opened it for about one request in ten here
 * (docs/cdn.md, "Keep-alive after a HEAD").
 *
 * <p>Written from the connection's loop, the answer's end is written there and then, its listener runs as the write
 * completes, and the operations terminate before the loop reads anything more. Work already on the loop pays a thread
 * check; work elsewhere is handed to the loop, where Reactor Netty would have queued its write anyway. Before the
 * origin's connections were kept per loop that was about half the proxied pages (a pooled origin connection on the
 * other loop); now the request's Reactor context names its loop ({@link OriginConnectionsPerLoop#withVisitorsLoop}),
 * where the origin client takes its connection, and a hand-over is rare (counted: {@link #handOvers()}).
 */
public final class AnswersWrittenOnTheVisitorsLoop implements HttpHandlerDecoratorFactory, Ordered {

    /** The visitors' loops' schedulers, where a write from another thread is handed. */
    private final VisitorsLoops loops;

    /**
     * Writes and completions handed to the visitor's loop from another thread ({@code gateway.edge.loop.handovers}):
     * with the origin's connections kept per loop ({@link OriginConnectionsPerLoop}) a proxied page needs none; what
     * still does is an answer made on another thread: the WAF's block, the first request's (the traffic manager's
     * answer awaited), the actuator's endpoints (run on {@code boundedElastic}).
     */
    private final LongAdder handOvers = new LongAdder();

    public AnswersWrittenOnTheVisitorsLoop(VisitorsLoops loops) {
        this.loops = loops;
    }

    /** How many writes and completions were handed to a visitor's loop from another thread. */
    public long handOvers() {
        return handOvers.sum();
    }

    /** Outermost: every shortcut and the pipeline write through it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            EventLoop loop = VisitorsLoops.of(request);
            if (loop == null) {
                return handler.handle(request, response);
            }
            Scheduler scheduler = loops.scheduler(loop);
            return onLoop(
                            loop,
                            scheduler,
                            handOvers,
                            handler.handle(request, new OnTheLoop(response, loop, scheduler, handOvers)))
                    // Where the origin client takes the request's origin connection from (OriginConnectionsPerLoop).
                    .contextWrite(context -> OriginConnectionsPerLoop.withVisitorsLoop(context, loop));
        };
    }

    /** {@code handled}, its completion or error signalled on {@code loop}. */
    static Mono<Void> onLoop(EventLoop loop, Scheduler scheduler, LongAdder handOvers, Mono<Void> handled) {
        return handled.onErrorResume(error -> {
                    if (here(loop)) {
                        return Mono.error(error);
                    }
                    handOvers.increment();
                    return Mono.<Void>error(error).publishOn(scheduler);
                })
                .then(Mono.defer(() -> {
                    if (here(loop)) {
                        return Mono.empty();
                    }
                    handOvers.increment();
                    return Mono.<Void>empty().publishOn(scheduler);
                }));
    }

    /** {@code write} made and subscribed on {@code loop}: a body ready at subscription is written from there. */
    static Mono<Void> subscribedOnLoop(
            EventLoop loop, Scheduler scheduler, LongAdder handOvers, Supplier<Mono<Void>> write) {
        return subscribedOnLoop(loop, scheduler, handOvers, write, null);
    }

    /**
     * As {@link #subscribedOnLoop(EventLoop, Scheduler, LongAdder, Supplier)}, and if the visitor goes away before the write was
     * made (cancelled while handed to the loop), the buffers of {@code body}, which nothing will subscribe to now, are
     * released: a page gathered from the origin is a pooled buffer.
     */
    static Mono<Void> subscribedOnLoop(
            EventLoop loop,
            Scheduler scheduler,
            LongAdder handOvers,
            Supplier<Mono<Void>> write,
            Publisher<? extends DataBuffer> body) {
        return Mono.defer(() -> {
            if (here(loop)) {
                return write.get();
            }
            handOvers.increment();
            AtomicBoolean taken = new AtomicBoolean();
            return Mono.defer(() -> taken.compareAndSet(false, true) ? write.get() : Mono.<Void>empty())
                    .subscribeOn(scheduler)
                    .doOnCancel(() -> {
                        if (body != null && taken.compareAndSet(false, true)) {
                            Flux.from(body).subscribe(DataBufferUtils::release, error -> {});
                        }
                    });
        });
    }

    /**
     * Whether to go on on this thread: it is the loop's, or the loop is shutting down (its server stopping), where a
     * task handed to it would be rejected and the answer lost; the answer is then written from this thread, as Reactor
     * Netty would without this class.
     */
    private static boolean here(EventLoop loop) {
        return loop.inEventLoop() || loop.isShuttingDown();
    }

    /**
     * The response, its writes subscribed on the connection's loop. A write made on the loop itself (a CDN fast hit
     * written straight through Reactor Netty) may use {@link #getDelegate()}.
     */
    public static final class OnTheLoop extends ServerHttpResponseDecorator {

        private final EventLoop loop;

        private final Scheduler scheduler;

        private final LongAdder handOvers;

        OnTheLoop(ServerHttpResponse delegate, EventLoop loop, Scheduler scheduler, LongAdder handOvers) {
            super(delegate);
            this.loop = loop;
            this.scheduler = scheduler;
            this.handOvers = handOvers;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return subscribedOnLoop(
                    loop, scheduler, handOvers, () -> getDelegate().writeWith(body), body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return subscribedOnLoop(
                    loop, scheduler, handOvers, () -> getDelegate().writeAndFlushWith(body));
        }

        @Override
        public Mono<Void> setComplete() {
            return subscribedOnLoop(loop, scheduler, handOvers, getDelegate()::setComplete);
        }
    }
}
