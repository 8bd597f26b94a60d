package dev.powerpages.emulator.gateway.cdn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.gateway.NativeRequestHeaders;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import dev.powerpages.emulator.gateway.edge.EdgeReferenceHeadersFilter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.GRPCResponseHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The work of Spring Cloud Gateway's header filters for a request the proxied fast path takes, done on one copy of the
 * headers instead of one per filter.
 *
 * <p>Why not the library's filters themselves: each of {@code RemoveForwardedHeadersFilter}, {@code
 * XForwardedHeadersFilter}, {@code RemoveHopByHopHeadersFilter} and {@code GRPCRequestHeadersFilter} hands on a new
 * {@link HttpHeaders} built from the one before (a {@code LinkedCaseInsensitiveMap} lower-casing every name on each
 * copy), and the X-Forwarded-For filter matches the trusted-proxies regex against the visitor's address twice per
 * request; together about a fifth of the fast path's event-loop time (docs/benchmarks.md "The proxied page, fourth
 * round": hop-by-hop removal 11 %, X-Forwarded-* 5 % with the regex 4 %). Their contract (a new {@code HttpHeaders} per
 * call) keeps those copies, so a leaner filter alone gains nothing (tried in that round); what pays is doing all of
 * them on a single copy. This class makes the same changes (copy, add, set, remove, in the same order) on one map of
 * the same kind, so every name, its spelling, the headers' order and every value come out as the library's chain gives
 * them ({@code HeaderFiltersInOneCopyTest} runs both over the same requests: repeated headers, names in two
 * spellings, X-Forwarded-* chains from trusted and untrusted addresses, an untrusted visitor, {@code Connection}
 * naming other headers, {@code Forwarded}, {@code Transfer-Encoding} beside {@code Content-Length}), and the trusted-
 * proxies regex is matched once per address (a bounded cache).
 *
 * <p>Used only while the header filters are exactly the ones Spring Cloud Gateway configures for this gateway's
 * settings ({@code trusted-proxies} set, {@code forwarded.enabled: false}), with their default switches and order, and
 * the edge's {@link EdgeReferenceHeadersFilter} ({@link #of}); any other filter or setting, a gRPC request (whose
 * filters write trailers) or a request without a resolved remote address goes through the library's filters.
 */
final class HeaderFiltersInOneCopy {

    /** Addresses whose trust is remembered: the visitors' and their proxies' (a visitor may send any value). */
    static final int TRUST_CACHE_SIZE = 4096;

    private static final String GRPC = "application/grpc";

    private static final String X_FORWARDED = "x-forwarded-";

    private final Pattern trustedProxies;

    private final Set<String> hopByHop;

    /** Bounded by Caffeine's size eviction: a visitor's made-up X-Forwarded-For addresses cannot crowd out the rest. */
    private final Cache<String, Boolean> trust =
            Caffeine.newBuilder().maximumSize(TRUST_CACHE_SIZE).build();

    private final Predicate<String> trusted = this::trusted;

    private HeaderFiltersInOneCopy(Pattern trustedProxies, Set<String> hopByHop) {
        this.trustedProxies = trustedProxies;
        this.hopByHop = hopByHop;
    }

    /**
     * The filters' work in one copy, or null when the filters (in their order) are not the ones this class does the
     * work of with their default settings: then the library's filters run.
     *
     * @param filters the header filters as the pipeline orders them
     * @param trustedProxies {@code spring.cloud.gateway.server.webflux.trusted-proxies}, from which Spring Cloud
     *     Gateway's auto-configuration builds its {@link XForwardedHeadersFilter}
     */
    static HeaderFiltersInOneCopy of(List<HttpHeadersFilter> filters, String trustedProxies) {
        if (!StringUtils.hasText(trustedProxies)) {
            return null;
        }
        int removeForwarded = index(filters, RemoveForwardedHeadersFilter.class);
        int xForwarded = index(filters, XForwardedHeadersFilter.class);
        int transferEncoding = index(filters, TransferEncodingNormalizationHeadersFilter.class);
        int hopByHop = index(filters, RemoveHopByHopHeadersFilter.class);
        int grpcRequest = index(filters, GRPCRequestHeadersFilter.class);
        int grpcResponse = index(filters, GRPCResponseHeadersFilter.class);
        int reference = index(filters, EdgeReferenceHeadersFilter.class);
        // The gRPC filters are there only with HTTP/2 on (off on this gateway's cleartext port); a gRPC request goes
        // through the library's filters anyway (request, response).
        int grpc = (grpcRequest < 0 ? 0 : 1) + (grpcResponse < 0 ? 0 : 1);
        if (removeForwarded < 0 || xForwarded < 0 || reference < 0 || filters.size() != 5 + grpc) {
            return null;
        }
        // The order that matters: X-Forwarded-* written before hop-by-hop removal (a Connection header may name
        // them), Transfer-Encoding read before hop-by-hop removal takes it away, the reference set after it; the rest
        // touch different headers.
        if (!(xForwarded < transferEncoding && transferEncoding < hopByHop && hopByHop < reference)) {
            return null;
        }
        XForwardedHeadersFilter forwarded = (XForwardedHeadersFilter) filters.get(xForwarded);
        if (!(forwarded.isForEnabled()
                && forwarded.isForAppend()
                && forwarded.isProtoEnabled()
                && forwarded.isProtoAppend()
                && forwarded.isPortEnabled()
                && forwarded.isPortAppend()
                && forwarded.isHostEnabled()
                && forwarded.isHostAppend())) {
            return null;
        }
        Set<String> removed = ((RemoveHopByHopHeadersFilter) filters.get(hopByHop)).getHeaders();
        return new HeaderFiltersInOneCopy(Pattern.compile(trustedProxies), Set.copyOf(removed));
    }

    private static int index(List<HttpHeadersFilter> filters, Class<?> type) {
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).getClass() == type) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The headers for the origin's request, as {@code HttpHeadersFilter.filterRequest} with the filters of {@link #of}
     * gives them; null when the library's filters must run (a gRPC request, no resolved remote address, a prefix to
     * write).
     */
    HttpHeaders request(ServerWebExchange exchange) {
        return request(exchange, NativeRequestHeaders.of(exchange.getRequest()));
    }

    /**
     * As {@link #request(ServerWebExchange)}, reading the request's headers from {@code netty} when given: Netty's
     * headers behind the request's ({@link NativeRequestHeaders}), read as Spring's view of them reads them.
     */
    HttpHeaders request(ServerWebExchange exchange, io.netty.handler.codec.http.HttpHeaders netty) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders input = request.getHeaders();
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null
                || remote.getAddress() == null
                || StringUtils.startsWithIgnoreCase(input.getFirst(HttpHeaders.CONTENT_TYPE), GRPC)
                || exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR) != null) {
            return null;
        }
        String address = remote.getHostString();
        boolean trustedVisitor = trusted(address);
        // The one copy: RemoveForwardedHeadersFilter's (every header but Forwarded), and for a visitor on an untrusted
        // address RemoveXForwardedHeadersFilter's (every header not starting x-forwarded-), which the X-Forwarded-*
        // filter applies then; for a trusted one it copies every header as it is.
        HttpHeaders headers = new HttpHeaders();
        if (netty != null) {
            // What input.headerSet() gives, without its read-only copies.
            for (String name : NativeRequestHeaders.names(netty)) {
                if (copied(name, trustedVisitor)) {
                    headers.addAll(name, netty.getAll(name));
                }
            }
        } else {
            for (Map.Entry<String, List<String>> entry : input.headerSet()) {
                if (copied(entry.getKey(), trustedVisitor)) {
                    headers.addAll(entry.getKey(), entry.getValue());
                }
            }
        }
        if (trustedVisitor) {
            // XForwardedHeadersFilter with its defaults: each value appended, then the header set to its values joined;
            // X-Forwarded-For keeps only values on trusted addresses. No X-Forwarded-Prefix: the fast path sets no
            // request URL attributes (checked above), as through the pipeline, where both URLs have the same path.
            append(headers, XForwardedHeadersFilter.X_FORWARDED_FOR_HEADER, address, trusted);
            URI uri = request.getURI();
            String proto = uri.getScheme();
            append(headers, XForwardedHeadersFilter.X_FORWARDED_PROTO_HEADER, proto, null);
            int port = uri.getPort() >= 0
                    ? uri.getPort()
                    : XForwardedHeadersFilter.HTTPS_SCHEME.equals(proto)
                            ? XForwardedHeadersFilter.HTTPS_PORT
                            : XForwardedHeadersFilter.HTTP_PORT;
            append(headers, XForwardedHeadersFilter.X_FORWARDED_PORT_HEADER, String.valueOf(port), null);
            append(headers, XForwardedHeadersFilter.X_FORWARDED_HOST_HEADER, hostHeader(uri), null);
        }
        // TransferEncodingNormalizationHeadersFilter
        String transferEncoding = headers.getFirst(HttpHeaders.TRANSFER_ENCODING);
        if (transferEncoding != null
                && "chunked".equalsIgnoreCase(transferEncoding.trim())
                && headers.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
            headers.remove(HttpHeaders.CONTENT_LENGTH);
        }
        removeHopByHop(headers);
        // GRPCRequestHeadersFilter adds nothing to a request that is not gRPC; EdgeReferenceHeadersFilter:
        headers.set(EdgeReference.HEADER, EdgeReference.of(exchange));
        return headers;
    }

    /** Whether the first copy keeps a header: not Forwarded, nor X-Forwarded-* from an untrusted visitor. */
    private static boolean copied(String name, boolean trustedVisitor) {
        return !"Forwarded".equalsIgnoreCase(name)
                && (trustedVisitor || !name.toLowerCase(Locale.ROOT).startsWith(X_FORWARDED));
    }

    /**
     * The origin's response headers written into the visitor's response as the pipeline writes them, without the copy
     * between: {@code NettyRoutingFilter} adds Netty's headers one by one to a new {@link HttpHeaders} (which groups
     * each name's values under its first spelling, at its first place), the response's header filters remove the
     * hop-by-hop headers ({@code GRPCResponseHeadersFilter} does nothing for a request that is not gRPC), and every
     * header left is added to the response. Here each name is visited once, at its first place and spelling, with all
     * its values in order. False, with nothing written, when the library's filters must run (a gRPC request).
     */
    boolean copyResponse(
            io.netty.handler.codec.http.HttpHeaders origin, HttpHeaders response, ServerWebExchange exchange) {
        if (StringUtils.startsWithIgnoreCase(
                exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), GRPC)) {
            return false;
        }
        List<String> listed = connectionOptions(origin.getAll(HttpHeaders.CONNECTION));
        List<String> seen = new ArrayList<>(origin.size());
        for (Map.Entry<String, String> entry : origin) {
            String name = entry.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (seen.contains(lower)) {
                continue;
            }
            seen.add(lower);
            if (hopByHop.contains(lower) || listed.contains(lower)) {
                continue;
            }
            for (String value : origin.getAll(name)) {
                response.add(name, value);
            }
        }
        return true;
    }

    /**
     * RemoveHopByHopHeadersFilter's removal in place: its names and those the Connection header lists (lower-cased as
     * the filter lower-cases them); the headers left keep their order, as in the filter's copy.
     */
    private void removeHopByHop(HttpHeaders headers) {
        List<String> listed = connectionOptions(headers.get(HttpHeaders.CONNECTION));
        List<String> removed = null;
        for (String name : headers.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (hopByHop.contains(lower) || listed.contains(lower)) {
                if (removed == null) {
                    removed = new ArrayList<>(4);
                }
                removed.add(name);
            }
        }
        if (removed != null) {
            for (String name : removed) {
                headers.remove(name);
            }
        }
    }

    /**
     * The header names a Connection header's values list, as RemoveHopByHopHeadersFilter reads them ({@link
     * HttpHeaders#getConnection}: comma-separated, trimmed, empty ones skipped; then lower-cased in the default locale).
     */
    private static List<String> connectionOptions(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<String> listed = new ArrayList<>(4);
        for (String value : values) {
            if (value != null) {
                for (String option : StringUtils.tokenizeToStringArray(value, ",")) {
                    listed.add(option.toLowerCase());
                }
            }
        }
        return listed;
    }

    /** XForwardedHeadersFilter's write with append on: the value added, then all values joined with ", ". */
    private static void append(HttpHeaders headers, String name, String value, Predicate<String> kept) {
        if (value != null && !headers.containsHeader(name) && (kept == null || kept.test(value))) {
            // A header the request did not have: the filter's add puts it last under the name as written, and its set
            // puts the one value back under the same name, in the same place; the add alone leaves the same.
            headers.add(name, value);
            return;
        }
        if (value != null) {
            headers.add(name, value);
        }
        List<String> values = headers.get(name);
        if (values != null) {
            List<String> written =
                    kept == null ? values : values.stream().filter(kept).toList();
            headers.set(name, StringUtils.collectionToCommaDelimitedString(written));
        }
    }

    /** XForwardedHeadersFilter's X-Forwarded-Host: the request's host, with its port unless the scheme's default. */
    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        String host = uri.getHost();
        String scheme = uri.getScheme();
        if (port < 0
                || (port == XForwardedHeadersFilter.HTTP_PORT && XForwardedHeadersFilter.HTTP_SCHEME.equals(scheme))
                || (port == XForwardedHeadersFilter.HTTPS_PORT
                        && XForwardedHeadersFilter.HTTPS_SCHEME.equals(scheme))) {
            return host;
        }
        return host + ":" + port;
    }

    /** The trusted-proxies pattern's answer for an address, matched once per address (up to the cache's size). */
    boolean trusted(String address) {
        Boolean known = trust.getIfPresent(address);
        if (known != null) {
            return known;
        }
        boolean matches = trustedProxies.matcher(address).matches();
        trust.put(address, matches);
        return matches;
    }
}
