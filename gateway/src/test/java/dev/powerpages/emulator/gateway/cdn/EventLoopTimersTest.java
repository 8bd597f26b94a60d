package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.edge.VisitorsLoops;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

class EventLoopTimersTest {

    private final EventLoopTimers timers = new EventLoopTimers(new VisitorsLoops());

    @Test
    void aTimerForAReactorNettyRequestRunsOnTheThreadServingItsConnection() throws Exception {
        CompletableFuture<String> servingThread = new CompletableFuture<>();
        CompletableFuture<String> timerThread = new CompletableFuture<>();
        CompletableFuture<Scheduler> firstScheduler = new CompletableFuture<>();
        CompletableFuture<Scheduler> secondScheduler = new CompletableFuture<>();
        ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter((request, response) -> {
            servingThread.complete(Thread.currentThread().getName());
            Scheduler timer = timers.of(request);
            firstScheduler.complete(timer);
            secondScheduler.complete(timers.of(request));
            timer.schedule(() -> timerThread.complete(Thread.currentThread().getName()), 10, TimeUnit.MILLISECONDS);
            return Mono.delay(Duration.ofMillis(50)).then(response.setComplete());
        });
        DisposableServer server =
                HttpServer.create().host("127.0.0.1").port(0).handle(adapter).bindNow();
        try {
            HttpClient.create()
                    .get()
                    .uri("http://127.0.0.1:" + server.port() + "/")
                    .response()
                    .block(Duration.ofSeconds(10));
            assertThat(timerThread.get(10, TimeUnit.SECONDS)).isEqualTo(servingThread.get());
            assertThat(secondScheduler.get()).isSameAs(firstScheduler.get());
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void aRequestThatIsNotReactorNettysKeepsTheParallelScheduler() {
        assertThat(timers.of(MockServerHttpRequest.get("/").build())).isSameAs(Schedulers.parallel());
    }
}
