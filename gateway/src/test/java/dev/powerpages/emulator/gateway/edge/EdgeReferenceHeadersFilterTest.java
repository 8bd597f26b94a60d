package dev.powerpages.emulator.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class EdgeReferenceHeadersFilterTest {

    private final EdgeReferenceHeadersFilter filter = new EdgeReferenceHeadersFilter();

    @Test
    void sendsTheOriginTheEdgesReferenceInPlaceOfTheClients() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/about/")
                .header(EdgeReference.HEADER, "forged-by-client")
                .header("Accept", "text/html"));

        HttpHeaders forwarded = filter.filter(exchange.getRequest().getHeaders(), exchange);

        assertThat(forwarded.get(EdgeReference.HEADER)).containsExactly(EdgeReference.of(exchange));
        assertThat(EdgeReference.of(exchange)).matches("\\d{8}T\\d{6}Z-[0-9a-f]{20}");
        assertThat(forwarded.getFirst("Accept")).isEqualTo("text/html");
        // The request's own headers are left as they were (they are read-only on a real request).
        assertThat(exchange.getRequest().getHeaders().getFirst(EdgeReference.HEADER))
                .isEqualTo("forged-by-client");
    }

    @Test
    void setsTheReferenceInTheWritableHeadersAnEarlierHeaderFilterHandsOn() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/about/")
                .header(EdgeReference.HEADER, "forged-by-client")
                .header("Accept", "text/html"));
        HttpHeaders fromEarlierFilter = HttpHeaders.copyOf(exchange.getRequest().getHeaders());

        HttpHeaders forwarded = filter.filter(fromEarlierFilter, exchange);

        assertThat(forwarded).isSameAs(fromEarlierFilter);
        assertThat(forwarded.get(EdgeReference.HEADER)).containsExactly(EdgeReference.of(exchange));
        assertThat(forwarded.getFirst("Accept")).isEqualTo("text/html");
    }

    @Test
    void copiesHeadersThatCannotBeWritten() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("/about/").header("Accept", "text/html"));
        HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(
                HttpHeaders.copyOf(exchange.getRequest().getHeaders()));

        HttpHeaders forwarded = filter.filter(readOnly, exchange);

        assertThat(forwarded.get(EdgeReference.HEADER)).containsExactly(EdgeReference.of(exchange));
        assertThat(forwarded.getFirst("Accept")).isEqualTo("text/html");
        assertThat(readOnly.containsHeader(EdgeReference.HEADER)).isFalse();
    }
}
