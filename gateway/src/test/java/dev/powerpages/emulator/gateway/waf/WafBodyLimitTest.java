package dev.powerpages.emulator.gateway.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the WAF off, a chunked body is measured as it streams to the origin and cut past the edge's
 * limit; the visitor then gets the edge's 413, never what the origin made of a request that ended
 * early (EdgeHostileRequestsTest once saw the origin's 500 win that race in CI).
 */
class WafBodyLimitTest {

    static final JsonMapper json = JsonMapper.builder().build();

    static final WafProperties properties =
            WafPropertiesFixture.of(WafPreset.Full, null, DataSize.ofKilobytes(64), 1, 1);

    final WafFilter filter = new WafFilter(
            new WafPolicyStore(properties, new ManagedRuleCatalog(), json),
            new WafLog(100),
            properties,
            json,
            Clock.systemUTC(),
            Schedulers.immediate());

    static MockServerWebExchange chunkedUpload(int kilobytes) {
        DataBuffer[] chunks = new DataBuffer[kilobytes];
        for (int i = 0; i < kilobytes; i++) {
            chunks[i] = DefaultDataBufferFactory.sharedInstance.wrap(new byte[1024]);
        }
        return MockServerWebExchange.from(MockServerHttpRequest.post("/upload")
                .header("Host", "localhost")
                .header("Transfer-Encoding", "chunked")
                .body(Flux.just(chunks)));
    }

    /** An origin that reads the body, and answers 500 if the body fails part-way. */
    static Mono<Void> originAnswering500OnACutBody(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(body -> "received")
                .onErrorReturn("request ended early")
                .flatMap(outcome -> {
                    response.setStatusCode(
                            outcome.equals("received") ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR);
                    return response.writeWith(
                            Mono.just(response.bufferFactory().wrap(outcome.getBytes(StandardCharsets.UTF_8))));
                });
    }

    @Test
    void answers413NotTheOriginsAnswerWhenAChunkedBodyPassesTheLimit() {
        MockServerWebExchange exchange = chunkedUpload(100);

        assertThatThrownBy(() -> filter.filter(exchange, WafBodyLimitTest::originAnswering500OnACutBody)
                        .block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        tooLarge -> assertThat(tooLarge.getStatusCode().value()).isEqualTo(413));
        assertThat(exchange.getResponse().isCommitted()).isFalse();
    }

    @Test
    void passesTheOriginsAnswerWhenAChunkedBodyStaysUnderTheLimit() {
        MockServerWebExchange exchange = chunkedUpload(60);

        filter.filter(exchange, WafBodyLimitTest::originAnswering500OnACutBody).block(Duration.ofSeconds(10));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                .isEqualTo("received");
    }
}
