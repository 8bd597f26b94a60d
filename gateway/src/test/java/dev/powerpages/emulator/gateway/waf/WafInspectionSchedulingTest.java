package dev.powerpages.emulator.gateway.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WAF inspects on its own bounded scheduler, never on the thread that handed it the request
 * (in the gateway, a Netty event-loop thread), and answers 503 when every inspection thread is
 * busy and its queue is full.
 */
class WafInspectionSchedulingTest {

    static final ManagedRuleCatalog catalog = new ManagedRuleCatalog();

    static final JsonMapper json = JsonMapper.builder().build();

    static final WafProperties properties =
            WafPropertiesFixture.of(WafPreset.Full, null, DataSize.ofMegabytes(4), 1, 1);

    final Scheduler inspections = Schedulers.newBoundedElastic(1, 1, "waf-inspection");

    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        inspections.dispose();
    }

    WafInspection inspection() {
        WafPolicyStore store = new WafPolicyStore(properties, catalog, json);
        store.patch(json.readTree(
                "{\"properties\":{\"policySettings\":{\"enabledState\":\"Enabled\",\"mode\":\"Prevention\"}}}"));
        return new WafInspection(store, new WafLog(100), properties, json, Clock.systemUTC(), inspections);
    }

    WafFilter filter() {
        return new WafFilter(inspection());
    }

    static MockServerWebExchange get(String uri) {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get(uri).header("Host", "localhost").header("User-Agent", "Mozilla/5.0"));
    }

    @Test
    void inspectsOnTheInspectionSchedulerAndForwardsFromThere() {
        AtomicReference<String> forwardedOn = new AtomicReference<>();
        String caller = Thread.currentThread().getName();

        filter().filter(get("/?q=hello%20world"), exchange -> {
                    forwardedOn.set(Thread.currentThread().getName());
                    return Mono.empty();
                })
                .block(Duration.ofSeconds(30));

        assertThat(forwardedOn.get()).startsWith("waf-inspection").isNotEqualTo(caller);
    }

    @Test
    void blocksAnAttackFromTheInspectionScheduler() {
        MockServerWebExchange exchange = get("/?q=%3Cscript%3Ealert(1)%3C/script%3E");

        filter().filter(exchange, forwarded -> Mono.error(new AssertionError("forwarded")))
                .block(Duration.ofSeconds(30));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void answers503WithRetryAfterWhenEveryInspectionThreadIsBusyAndItsQueueIsFull() throws InterruptedException {
        WafFilter filter = filter();
        occupyTheOnlyInspectionThreadAndItsQueue();
        MockServerWebExchange exchange = get("/?q=hello");

        filter.filter(exchange, forwarded -> Mono.error(new AssertionError("forwarded")))
                .block(Duration.ofSeconds(30));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("1");
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                .contains("\"code\":\"ServerBusy\"");
    }

    @Test
    void theInspectionAheadOfThePipelineAnswers503AndHoldsTheRequestBackWhenEveryThreadIsBusy()
            throws InterruptedException {
        WafInspection inspection = inspection();
        occupyTheOnlyInspectionThreadAndItsQueue();
        MockServerWebExchange exchange = get("/?q=hello");

        // What the proxied fast path calls (WafStage.inspect): the same inspection the filter runs.
        Boolean onwards = inspection.inspect(exchange).block(Duration.ofSeconds(30));

        assertThat(onwards).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("1");
    }

    @Test
    void theInspectionAheadOfThePipelineLetsAnOrdinaryRequestOnAndAnswersABlockItself() {
        WafInspection inspection = inspection();
        MockServerWebExchange ordinary = get("/?q=hello%20world");
        MockServerWebExchange attack = get("/?q=%3Cscript%3Ealert(1)%3C/script%3E");

        assertThat(inspection.inspect(ordinary).block(Duration.ofSeconds(30))).isTrue();
        assertThat(ordinary.getResponse().getStatusCode()).isNull();
        assertThat(inspection.inspect(attack).block(Duration.ofSeconds(30))).isFalse();
        assertThat(attack.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The inspection scheduler's one thread held until {@code release}, and its one queued task: nothing else fits. */
    private void occupyTheOnlyInspectionThreadAndItsQueue() throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(1);
        inspections.schedule(() -> {
            busy.countDown();
            await(release);
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        inspections.schedule(() -> await(release));
    }
}
