package dev.powerpages.emulator.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The answer to a visitor's request is written, and its handling ends, on the thread of the visitor's connection, from
 * whichever thread the origin's answer (or the WAF's verdict) came: Reactor Netty leaves the next request on a
 * keep-alive connection unanswered otherwise (see ProxiedFastPathTest's keep-alive tests for the visitor's view).
 */
class AnswersWrittenOnTheVisitorsLoopTest {

    private final EventLoop loop = new DefaultEventLoop();

    private final Scheduler scheduler = Schedulers.fromExecutorService(loop, "test-loop");

    /** A thread like the origin connection's loop or the WAF's: not the visitor's. */
    private final Scheduler elsewhere = Schedulers.newSingle("elsewhere");

    private final List<Thread> writers = new CopyOnWriteArrayList<>();

    private final MockServerHttpResponse written = new MockServerHttpResponse();

    /** The server's response, noting the thread each write is made from. */
    private final ServerHttpResponse delegate = new ServerHttpResponseDecorator(written) {
        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            writers.add(Thread.currentThread());
            return super.writeWith(body);
        }

        @Override
        public Mono<Void> setComplete() {
            writers.add(Thread.currentThread());
            return super.setComplete();
        }
    };

    private final LongAdder handOvers = new LongAdder();

    private final AnswersWrittenOnTheVisitorsLoop.OnTheLoop response =
            new AnswersWrittenOnTheVisitorsLoop.OnTheLoop(delegate, loop, scheduler, handOvers);

    @AfterEach
    void stop() {
        elsewhere.dispose();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aPageWhoseBodyCameOnAnotherThreadIsWrittenFromTheVisitorsLoop() throws Exception {
        Thread visitors = loop.submit(Thread::currentThread).get();
        DataBuffer page = DefaultDataBufferFactory.sharedInstance.wrap("page".getBytes(StandardCharsets.UTF_8));
        Mono.just(page)
                .publishOn(elsewhere)
                .flatMap(body -> response.writeWith(Mono.just(body)))
                .block(Duration.ofSeconds(5));
        assertThat(writers).containsExactly(visitors);
        assertThat(written.getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo("page");
        assertThat(handOvers.sum()).isOne();
    }

    @Test
    void anAnswerWithoutABodyIsCompletedFromTheVisitorsLoop() throws Exception {
        Thread visitors = loop.submit(Thread::currentThread).get();
        Mono.delay(Duration.ZERO, elsewhere)
                .then(Mono.defer(response::setComplete))
                .block(Duration.ofSeconds(5));
        assertThat(writers).containsExactly(visitors);
    }

    @Test
    void handlingThatEndsOnAnotherThreadEndsOnTheVisitorsLoop() throws Exception {
        Thread visitors = loop.submit(Thread::currentThread).get();
        List<Thread> ended = new CopyOnWriteArrayList<>();
        AnswersWrittenOnTheVisitorsLoop.onLoop(
                        loop,
                        scheduler,
                        handOvers,
                        Mono.delay(Duration.ZERO, elsewhere).then())
                .doOnSuccess(done -> ended.add(Thread.currentThread()))
                .block(Duration.ofSeconds(5));
        Mono<Void> failed = AnswersWrittenOnTheVisitorsLoop.onLoop(
                        loop,
                        scheduler,
                        handOvers,
                        Mono.delay(Duration.ZERO, elsewhere).then(Mono.error(new IllegalStateException("origin"))))
                .doOnError(error -> ended.add(Thread.currentThread()));
        assertThatThrownBy(() -> failed.block(Duration.ofSeconds(5))).hasMessage("origin");
        assertThat(ended).containsExactly(visitors, visitors);
    }

    @Test
    void aPageForAVisitorWhoLeftBeforeItCouldBeWrittenIsReleased() {
        // The loop's tasks held until the visitor went away (the loop busy with other connections meanwhile).
        List<Runnable> held = new CopyOnWriteArrayList<>();
        AnswersWrittenOnTheVisitorsLoop.OnTheLoop busyLoop = new AnswersWrittenOnTheVisitorsLoop.OnTheLoop(
                delegate, loop, Schedulers.fromExecutor(held::add), handOvers);
        NettyDataBuffer page = (NettyDataBuffer) new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT)
                .wrap("page".getBytes(StandardCharsets.UTF_8));
        Disposable writing = busyLoop.writeWith(Mono.just(page)).subscribe();
        writing.dispose(); // the visitor went away
        held.forEach(Runnable::run);
        assertThat(writers).isEmpty();
        assertThat(page.getNativeBuffer().refCnt()).isZero();
    }

    @Test
    void anAnswerWrittenOnTheVisitorsLoopIsWrittenAtOnceWithoutAHop() throws Exception {
        List<Boolean> writtenInTheSameTask = loop.submit(() -> {
                    response.setComplete().subscribe();
                    // Subscribed inline: the delegate was called before this task ends.
                    return List.of(writers.size() == 1);
                })
                .get();
        assertThat(writtenInTheSameTask).containsExactly(true);
        assertThat(handOvers.sum()).isZero();
    }
}
