package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.http.HttpHeaders;

class LeanHopByHopHeadersFilterTest {

    @Test
    void removesWhatSpringCloudGatewaysFilterRemovesAndKeepsTheRestInOrder() {
        RemoveHopByHopHeadersFilter original = new RemoveHopByHopHeadersFilter();
        LeanHopByHopHeadersFilter lean = new LeanHopByHopHeadersFilter(original);
        for (HttpHeaders headers : List.of(
                headers("Accept", "text/html", "X-Forwarded-For", "10.0.0.1"),
                headers("Connection", "keep-alive", "Keep-Alive", "timeout=5", "Accept", "*/*"),
                headers("Connection", "close, X-Secret", "x-secret", "1", "X-Other", "2", "Upgrade", "websocket"),
                headers("CONNECTION", "X-Named", "X-NAMED", "a", "x-named", "b", "TE", "trailers", "Trailer", "x"),
                headers("Transfer-Encoding", "chunked", "Content-Length", "3", "Proxy-Authorization", "Basic eDp5"),
                headers("Set-Cookie", "a=1", "Set-Cookie", "b=2", "Proxy-Authenticate", "Basic"),
                headers())) {
            HttpHeaders expected = original.filter(headers, null);
            HttpHeaders actual = lean.filter(headers, null);
            assertThat(actual.headerSet()).containsExactlyElementsOf(expected.headerSet());
        }
    }

    @Test
    void keepsTheOriginalsConfiguration() {
        RemoveHopByHopHeadersFilter original = new RemoveHopByHopHeadersFilter();
        original.setHeaders(Set.of("X-Internal"));
        original.setOrder(7);
        LeanHopByHopHeadersFilter lean = new LeanHopByHopHeadersFilter(original);
        assertThat(lean.getOrder()).isEqualTo(7);
        assertThat(lean.supports(HttpHeadersFilter.Type.RESPONSE)).isTrue();
        HttpHeaders headers = headers("x-internal", "1", "Connection", "close", "Accept", "*/*");
        assertThat(lean.filter(headers, null).headerSet())
                .containsExactlyElementsOf(original.filter(headers, null).headerSet());
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
