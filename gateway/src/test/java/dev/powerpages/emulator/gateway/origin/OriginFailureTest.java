package dev.powerpages.emulator.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * The failures Reactor Netty reports when an origin dies, as seen by the gateway while a region is
 * killed under load: each must become a 502/504, never the 500 that blames the edge.
 */
class OriginFailureTest {

    @Test
    void aConnectionClosedBeforeTheRequestWasSentIsABadGateway() {
        // What a killed origin leaves in the connection pool: FailoverUnderLoadIT once met it as a 500.
        var failure = OriginFailure.classify(AbortedException.beforeSend());

        assertThat(failure).contains(OriginFailure.CONNECTION_CLOSED);
        assertThat(failure.get().status()).isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    @Test
    void aConnectionClosedBeforeTheResponseIsABadGateway() {
        assertThat(OriginFailure.classify(PrematureCloseException.TEST_EXCEPTION))
                .contains(OriginFailure.CONNECTION_CLOSED);
    }

    @Test
    void aRefusedConnectionIsABadGatewayAndATimeoutAGatewayTimeout() {
        assertThat(OriginFailure.classify(new ConnectException("Connection refused")))
                .contains(OriginFailure.CONNECTION_REFUSED);
        assertThat(OriginFailure.classify(new ConnectTimeoutException("connect timed out")))
                .contains(OriginFailure.CONNECT_TIMEOUT);
        assertThat(OriginFailure.classify(ReadTimeoutException.INSTANCE)).contains(OriginFailure.RESPONSE_TIMEOUT);
        assertThat(OriginFailure.classify(new TimeoutException())).contains(OriginFailure.RESPONSE_TIMEOUT);
    }

    @Test
    void findsTheOriginFailureAnywhereInTheCauseChain() {
        var wrapped = new IllegalStateException("routing failed", new RuntimeException(AbortedException.beforeSend()));

        assertThat(OriginFailure.classify(wrapped)).contains(OriginFailure.CONNECTION_CLOSED);
    }

    @Test
    void leavesTheEdgesOwnBugsUnclassified() {
        assertThat(OriginFailure.classify(new IllegalStateException("a bug in a filter")))
                .isEmpty();
    }
}
