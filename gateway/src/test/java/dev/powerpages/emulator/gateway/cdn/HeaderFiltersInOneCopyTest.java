package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.edge.EdgeReferenceHeadersFilter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.GRPCResponseHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * {@link HeaderFiltersInOneCopy} gives the origin's request and the visitor's response the headers Spring Cloud
 * Gateway's own header filters give them, to the name's spelling, the headers' order and every value: both run over
 * the same requests, read as Reactor Netty hands them to the pipeline (Netty's headers behind Spring's adapter).
 */
class HeaderFiltersInOneCopyTest {

    /** The gateway's trusted-proxies setting (application.yml). */
    private static final String TRUSTED =
            "127\\.\\d+\\.\\d+\\.\\d+|0:0:0:0:0:0:0:1|::1|10\\.\\d+\\.\\d+\\.\\d+|192\\.168\\.\\d+\\.\\d+|172\\.(1[6-9]|2\\d|3[01])\\.\\d+\\.\\d+";

    /**
     * The header filter beans of the gateway's context, as Spring Cloud Gateway configures them for its settings (the
     * context's own list is checked in ProxiedFastPathTest); the gRPC filters only with HTTP/2 on.
     */
    private static List<HttpHeadersFilter> libraryFilters(boolean grpc) {
        List<HttpHeadersFilter> filters = new ArrayList<>(List.of(
                new RemoveForwardedHeadersFilter(),
                new RemoveHopByHopHeadersFilter(),
                new XForwardedHeadersFilter(TRUSTED),
                new TransferEncodingNormalizationHeadersFilter(),
                new EdgeReferenceHeadersFilter()));
        if (grpc) {
            filters.add(new GRPCRequestHeadersFilter());
            filters.add(new GRPCResponseHeadersFilter());
        }
        AnnotationAwareOrderComparator.sort(filters);
        return filters;
    }

    private static List<HttpHeadersFilter> libraryFilters() {
        return libraryFilters(false);
    }

    private List<HttpHeadersFilter> filters = libraryFilters();

    private HeaderFiltersInOneCopy oneCopy = HeaderFiltersInOneCopy.of(filters, TRUSTED);

    @Test
    void withHttp2sGrpcFiltersTooARequestGetsTheLibrarysHeaders() {
        filters = libraryFilters(true);
        oneCopy = HeaderFiltersInOneCopy.of(filters, TRUSTED);
        assertSameRequest(
                "http://localhost/",
                "127.0.0.1",
                "Host: localhost",
                "TE: trailers",
                "Accept: */*",
                "Connection: keep-alive",
                "X-Forwarded-For: 10.0.0.1");
        theOriginsResponseReachesTheVisitorAsThroughTheLibrarysCopyAndFilters();
        aGrpcRequestAndAnUnresolvedAddressAreLeftToTheLibrarysFilters();
    }

    @Test
    void aPlainPageRequestGetsTheLibrarysHeaders() {
        assertSameRequest(
                "http://www.contoso.example/about/",
                "127.0.0.1",
                "Host: www.contoso.example",
                "Accept: text/html",
                "User-Agent: Mozilla/5.0",
                "Accept-Encoding: gzip, br",
                "Cookie: a=1; b=2");
    }

    @Test
    void xForwardedForChainsKeepOnlyTrustedAddressesAsTheLibraryDoes() {
        // One value with a comma is matched whole (and dropped); separate lines each on its own; any spelling.
        assertSameRequest("http://localhost/", "127.0.0.1", "Host: localhost", "X-Forwarded-For: 10.1.2.3, 8.8.8.8");
        assertSameRequest(
                "http://localhost/",
                "127.0.0.1",
                "Host: localhost",
                "X-Forwarded-For: 10.1.2.3",
                "X-Forwarded-For: 8.8.8.8",
                "x-forwarded-for: 192.168.1.4");
        assertSameRequest(
                "http://localhost/",
                "10.0.0.7",
                "Host: localhost",
                "x-forwarded-for: 8.8.4.4",
                "X-Forwarded-Proto: https",
                "x-forwarded-host: www.contoso.example",
                "X-Forwarded-Port: 443",
                "X-Forwarded-Prefix: /site");
        assertSameRequest("http://[::1]:8080/page", "::1", "Host: [::1]:8080", "X-Forwarded-For: ::1");
        assertSameRequest("https://www.contoso.example:443/secure", "172.20.0.3", "Host: www.contoso.example");
        assertSameRequest("https://www.contoso.example:8443/secure", "172.20.0.3", "Host: www.contoso.example:8443");
    }

    @Test
    void aVisitorOnAnUntrustedAddressLosesEveryXForwardedHeaderAsWithTheLibrary() {
        assertSameRequest(
                "http://www.contoso.example/",
                "203.0.113.9",
                "Host: www.contoso.example",
                "X-Forwarded-For: 127.0.0.1",
                "x-forwarded-proto: https",
                "X-Forwarded-Host: evil.example",
                "X-Forwarded-Whatever: 1",
                "Accept: */*");
    }

    @Test
    void repeatedHeadersAndNamesInTwoSpellingsComeOutAsTheLibrarysCopiesLeaveThem() {
        assertSameRequest(
                "http://localhost/",
                "127.0.0.1",
                "Host: localhost",
                "Accept: text/html",
                "Cookie: a=1",
                "Accept: application/xhtml+xml",
                "cookie: b=2",
                "X-Custom: 1",
                "x-CUSTOM: 2",
                "X-Azure-Ref: visitors-own");
    }

    @Test
    void hopByHopHeadersAndThoseConnectionNamesAreRemovedAsTheLibraryRemovesThem() {
        assertSameRequest(
                "http://localhost/",
                "127.0.0.1",
                "Host: localhost",
                "Connection: keep-alive, Custom-Hop",
                "Connection: X-Forwarded-For",
                "Custom-Hop: 1",
                "Keep-Alive: timeout=9",
                "TE: trailers",
                "Trailer: Expires",
                "Upgrade: h2c",
                "Proxy-Authorization: Basic eDp5",
                "X-Application-Context: a",
                "Accept: */*");
        assertSameRequest(
                "http://localhost/", "127.0.0.1", "Host: localhost", "Connection: close , ,X-Forwarded-Proto");
    }

    @Test
    void forwardedAndTransferEncodingAreHandledAsTheLibraryHandlesThem() {
        assertSameRequest(
                "http://localhost/",
                "127.0.0.1",
                "Host: localhost",
                "Forwarded: for=1.2.3.4",
                "forwarded: for=5.6.7.8",
                "Transfer-Encoding: chunked",
                "Content-Length: 5");
        assertSameRequest(
                "http://localhost/",
                "127.0.0.1",
                "Host: localhost",
                "Transfer-Encoding: gzip, chunked",
                "Content-Length: 5");
        assertSameRequest(
                "http://localhost/",
                "127.0.0.1",
                "Host: localhost",
                "Transfer-Encoding:  Chunked ",
                "content-length: 5");
    }

    @Test
    void aGrpcRequestAndAnUnresolvedAddressAreLeftToTheLibrarysFilters() {
        assertThat(oneCopy.request(exchange("http://localhost/", "127.0.0.1", "Content-Type: application/grpc+proto")))
                .isNull();
        assertThat(oneCopy.request(exchange("http://localhost/", null, "Accept: */*")))
                .isNull();
        HttpHeaders response = new HttpHeaders();
        assertThat(oneCopy.copyResponse(
                        netty(List.of("Keep-Alive: timeout=5")),
                        response,
                        exchange("http://localhost/", "127.0.0.1", "Content-Type: application/grpc")))
                .isFalse();
        assertThat(response.isEmpty()).isTrue();
    }

    @Test
    void theOriginsResponseReachesTheVisitorAsThroughTheLibrarysCopyAndFilters() {
        ServerWebExchange exchange = exchange("http://localhost/", "127.0.0.1", "Accept: */*");
        assertSameResponse(
                exchange,
                "Content-Type: text/html",
                "Set-Cookie: a=1",
                "Connection: keep-alive, X-Hop",
                "X-Hop: 1",
                "set-cookie: b=2",
                "Keep-Alive: timeout=5",
                "Transfer-Encoding: chunked",
                "Proxy-Authenticate: Basic",
                "X-Azure-Ref: the-origins-own",
                "CONNECTION: , x-other ,",
                "X-Other: 2",
                "Trailer: Expires",
                "Cache-Control: private",
                "cache-control: no-store");
        assertSameResponse(exchange, "Content-Length: 12", "Content-Type: text/plain");
        assertSameResponse(exchange);
    }

    /**
     * The visitor's response headers (X-Azure-Ref set before the origin answers, as the fast path sets it) after the
     * pipeline's way (NettyRoutingFilter's copy, the response filters, addAll) and after {@code copyResponse}.
     */
    private void assertSameResponse(ServerWebExchange exchange, String... lines) {
        io.netty.handler.codec.http.HttpHeaders origin = netty(List.of(lines));
        HttpHeaders copied = new HttpHeaders();
        origin.forEach(entry -> copied.add(entry.getKey(), entry.getValue()));
        DefaultHttpHeaders viaLibrary = new DefaultHttpHeaders();
        viaLibrary.set("X-Azure-Ref", "edge");
        new HttpHeaders(new Netty4HeadersAdapter(viaLibrary))
                .addAll(HttpHeadersFilter.filter(filters, copied, exchange, HttpHeadersFilter.Type.RESPONSE));
        DefaultHttpHeaders direct = new DefaultHttpHeaders();
        direct.set("X-Azure-Ref", "edge");
        assertThat(oneCopy.copyResponse(origin, new HttpHeaders(new Netty4HeadersAdapter(direct)), exchange))
                .isTrue();
        assertThat(lines(direct)).isEqualTo(lines(viaLibrary));
    }

    private static List<String> lines(io.netty.handler.codec.http.HttpHeaders headers) {
        return headers.entries().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .toList();
    }

    private static DefaultHttpHeaders netty(List<String> lines) {
        DefaultHttpHeaders netty = new DefaultHttpHeaders();
        for (String line : lines) {
            int colon = line.indexOf(':');
            netty.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return netty;
    }

    @Test
    void standsInOnlyForTheFiltersAndSettingsItReproduces() {
        assertThat(oneCopy).isNotNull();
        List<HttpHeadersFilter> another = new ArrayList<>(filters);
        another.add((input, exchange) -> input);
        assertThat(HeaderFiltersInOneCopy.of(another, TRUSTED)).isNull();
        for (Runnable change : List.<Runnable>of(
                () -> xForwarded().setForAppend(false),
                () -> xForwarded().setHostEnabled(false),
                () -> xForwarded().setProtoAppend(false))) {
            List<HttpHeadersFilter> changed = libraryFilters();
            filtersUnderChange = changed;
            change.run();
            assertThat(HeaderFiltersInOneCopy.of(changed, TRUSTED)).isNull();
        }
        List<HttpHeadersFilter> reordered = libraryFilters();
        ((RemoveHopByHopHeadersFilter) reordered.stream()
                        .filter(RemoveHopByHopHeadersFilter.class::isInstance)
                        .findFirst()
                        .orElseThrow())
                .setOrder(-1);
        AnnotationAwareOrderComparator.sort(reordered);
        assertThat(HeaderFiltersInOneCopy.of(reordered, TRUSTED)).isNull();
        assertThat(HeaderFiltersInOneCopy.of(filters, "")).isNull();
    }

    @Test
    void theTrustedProxiesAnswerIsTheRegexsBeyondTheCacheToo() {
        for (int i = 0; i < HeaderFiltersInOneCopy.TRUST_CACHE_SIZE + 100; i++) {
            String trusted = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            String untrusted = "11." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            assertThat(oneCopy.trusted(trusted)).as(trusted).isTrue();
            assertThat(oneCopy.trusted(untrusted)).as(untrusted).isFalse();
        }
        assertThat(oneCopy.trusted("10.0.0.1")).isTrue();
        assertThat(oneCopy.trusted("10.0.0.1x")).isFalse();
    }

    private List<HttpHeadersFilter> filtersUnderChange;

    private XForwardedHeadersFilter xForwarded() {
        return (XForwardedHeadersFilter) filtersUnderChange.stream()
                .filter(XForwardedHeadersFilter.class::isInstance)
                .findFirst()
                .orElseThrow();
    }

    private void assertSameRequest(String url, String remote, String... lines) {
        ServerWebExchange exchange = exchange(url, remote, lines);
        HttpHeaders inOneCopy = oneCopy.request(exchange);
        assertThat(inOneCopy).isNotNull();
        // The same exchange, so the same X-Azure-Ref.
        HttpHeaders viaLibrary = HttpHeadersFilter.filterRequest(filters, exchange);
        assertThat(entries(inOneCopy)).isEqualTo(entries(viaLibrary));
        // Read from Netty's headers themselves, as for a request Reactor Netty's server hands over.
        HttpHeaders fromNetty = oneCopy.request(exchange, netty(List.of(lines)));
        assertThat(entries(fromNetty)).isEqualTo(entries(viaLibrary));
    }

    /** Every header in order, each name as spelled with its values in order. */
    private static List<String> entries(HttpHeaders headers) {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : headers.headerSet()) {
            entries.add(entry.getKey() + "=" + entry.getValue());
        }
        return entries;
    }

    /** A request as Reactor Netty's server hands it to the pipeline: Netty's headers behind Spring's adapter. */
    private static ServerWebExchange exchange(String url, String remote, String... lines) {
        DefaultHttpHeaders netty = netty(List.of(lines));
        HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders(new Netty4HeadersAdapter(netty)));
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get(url);
        if (remote != null) {
            builder.remoteAddress(new InetSocketAddress(remote, 50000));
        }
        ServerHttpRequest request = new ServerHttpRequestDecorator(builder.build()) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
        return new DefaultServerWebExchange(
                request,
                new MockServerHttpResponse(),
                new DefaultWebSessionManager(),
                ServerCodecConfigurer.create(),
                new AcceptHeaderLocaleContextResolver());
    }
}
