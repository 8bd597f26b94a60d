package dev.powerpages.emulator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Netty's headers read through {@link NativeRequestHeaders} give what Spring's view of them gives. */
class NativeRequestHeadersTest {

    @Test
    void namesAndTheirValuesAreThoseOfSpringsReadOnlyView() {
        DefaultHttpHeaders netty = new DefaultHttpHeaders();
        netty.add("Host", "localhost");
        netty.add("Accept", "text/html");
        netty.add("cookie", "a=1");
        netty.add("ACCEPT", "application/xml");
        netty.add("Cookie", "b=2");
        netty.add("X-Forwarded-For", "10.0.0.1");
        netty.add("x-forwarded-for", "10.0.0.2");
        netty.add("Accept", "*/*");
        HttpHeaders spring = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders(new Netty4HeadersAdapter(netty)));

        List<String> viaSpring = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : spring.headerSet()) {
            viaSpring.add(entry.getKey() + "=" + entry.getValue());
        }
        List<String> viaNetty = new ArrayList<>();
        for (String name : NativeRequestHeaders.names(netty)) {
            viaNetty.add(name + "=" + netty.getAll(name));
        }
        assertThat(viaNetty).isEqualTo(viaSpring).hasSize(4);
    }

    @Test
    void aRequestThatIsNotReactorNettysOwnHasNone() {
        assertThat(NativeRequestHeaders.of(MockServerHttpRequest.get("/").build()))
                .isNull();
    }
}
