package dev.powerpages.emulator.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.MutableClock;
import dev.powerpages.emulator.gateway.support.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

class OriginResolverTest {

    private static final URI NORTH = URI.create("http://127.0.0.1:18081");

    private static final URI WEST = URI.create("http://127.0.0.1:18082");

    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock();

    private FakeTrafficManager trafficManager;

    private OriginResolver resolver;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        trafficManager = new FakeTrafficManager();
        trafficManager.answer("northeurope", NORTH, 5);
        resolver = resolverFor(trafficManager.url());
        logs.start();
        ((Logger) LoggerFactory.getLogger(OriginResolver.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(OriginResolver.class)).detachAppender(logs);
        trafficManager.close();
    }

    private OriginResolver resolverFor(URI trafficManagerUrl) {
        var properties =
                new TrafficManagerProperties(trafficManagerUrl, "contoso", Duration.ofSeconds(2), RETRY_INTERVAL);
        return new OriginResolver(new TrafficManagerClient(properties), properties, clock);
    }

    private String resolveEndpoint() {
        return resolver.resolve("contoso").block(Duration.ofSeconds(5)).endpoint();
    }

    @Test
    void keepsTheAnswerForItsTtlThenFollowsTheNewOne() {
        assertThat(resolveEndpoint()).isEqualTo("northeurope");

        trafficManager.answer("westeurope", WEST, 5);
        clock.advance(Duration.ofMillis(4999));
        assertThat(resolveEndpoint()).as("within the TTL the old answer holds").isEqualTo("northeurope");
        assertThat(trafficManager.resolveRequests()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(resolveEndpoint())
                .as("once the TTL runs out the new answer is used")
                .isEqualTo("westeurope");
        assertThat(trafficManager.resolveRequests()).isEqualTo(2);
    }

    @Test
    void keepsTheLastGoodAnswerWhileTheTrafficManagerIsDown() {
        assertThat(resolveEndpoint()).isEqualTo("northeurope");

        trafficManager.close();
        clock.advance(Duration.ofSeconds(60));

        assertThat(resolveEndpoint()).isEqualTo("northeurope");
        CachedAnswer cached = resolver.cached("contoso").orElseThrow();
        assertThat(cached.stale()).isTrue();
        assertThat(cached.remainingTtl(clock.instant())).isZero();
        assertThat(cached.age(clock.instant())).isEqualTo(Duration.ofSeconds(60));
        assertThat(cached.lastError()).contains("gave no answer");
    }

    @Test
    void asksAFailingTrafficManagerAgainOnlyAfterTheRetryInterval() {
        resolveEndpoint();
        trafficManager.answerServerError();
        clock.advance(Duration.ofSeconds(5));

        assertThat(resolveEndpoint()).isEqualTo("northeurope");
        assertThat(trafficManager.resolveRequests()).isEqualTo(2);
        clock.advance(RETRY_INTERVAL.minusMillis(1));
        assertThat(resolveEndpoint()).isEqualTo("northeurope");
        assertThat(trafficManager.resolveRequests()).isEqualTo(2);

        trafficManager.answer("westeurope", WEST, 5);
        clock.advance(Duration.ofMillis(1));
        assertThat(resolveEndpoint()).isEqualTo("westeurope");
        assertThat(resolver.cached("contoso").orElseThrow().stale()).isFalse();
    }

    @Test
    void failsWithNoOriginWhenTheTrafficManagerIsDownAndNoAnswerWasEverGiven() {
        OriginResolver neverAnswered = resolverFor(Ports.closedPortUrl());

        assertThatThrownBy(() -> neverAnswered.resolve("contoso").block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(
                        NoOriginException.class,
                        error -> assertThat(error.code()).isEqualTo("TrafficManagerUnreachable"));
    }

    @Test
    void dropsTheAnswerWhenTheTrafficManagerSaysTheProfileHasNoEndpoint() {
        resolveEndpoint();
        trafficManager.answerProfileNotFound();
        clock.advance(Duration.ofSeconds(5));

        assertThatThrownBy(this::resolveEndpoint)
                .isInstanceOfSatisfying(
                        NoOriginException.class,
                        error -> assertThat(error.code()).isEqualTo("NoOriginAvailable"));
        assertThat(resolver.cached("contoso")).isEmpty();
    }

    @Test
    void concurrentRequestsOnAnExpiredAnswerShareOneLookup() {
        trafficManager.delayAnswers(Duration.ofMillis(300));

        List<String> first = Flux.range(0, 50)
                .flatMap(i -> resolver.resolve("contoso"))
                .map(ResolveAnswer::endpoint)
                .collectList()
                .block(Duration.ofSeconds(5));
        assertThat(first).hasSize(50).containsOnly("northeurope");
        assertThat(trafficManager.resolveRequests()).isEqualTo(1);

        trafficManager.answer("westeurope", WEST, 5);
        clock.advance(Duration.ofSeconds(5));
        List<String> afterExpiry = Flux.range(0, 50)
                .flatMap(i -> resolver.resolve("contoso"))
                .map(ResolveAnswer::endpoint)
                .collectList()
                .block(Duration.ofSeconds(5));
        assertThat(afterExpiry).hasSize(50).containsOnly("westeurope");
        assertThat(trafficManager.resolveRequests()).isEqualTo(2);
    }

    @Test
    void warnsOncePerOutageNotPerRequest() {
        resolveEndpoint();
        trafficManager.answerServerError();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(5));
            resolveEndpoint();
        }
        assertThat(warnings()).hasSize(1);

        trafficManager.answer("northeurope", NORTH, 5);
        clock.advance(Duration.ofSeconds(5));
        resolveEndpoint();
        trafficManager.answerServerError();
        clock.advance(Duration.ofSeconds(5));
        resolveEndpoint();
        assertThat(warnings()).as("a second outage warns again").hasSize(2);
    }

    private List<ILoggingEvent> warnings() {
        return logs.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .toList();
    }
}
