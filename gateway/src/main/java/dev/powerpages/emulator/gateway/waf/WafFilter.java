package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import dev.powerpages.emulator.gateway.WafStage;
import dev.powerpages.emulator.gateway.edge.EdgeError;
import dev.powerpages.emulator.gateway.edge.EdgeHeaders;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import dev.powerpages.emulator.waf.Finding;
import dev.powerpages.emulator.waf.Verdict;
import dev.powerpages.emulator.waf.WafInspector;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.engine.WafRequestParser;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's request limits and the WAF, first in the route as at Front Door (before the CDN).
 * Oversized requests get 414/431/413. With the policy enabled, the request (its body read up to
 * the limit and replayed to the origin) is inspected; in Prevention a Block answers with the
 * policy's status and a block page or JSON naming the X-Azure-Ref, in Detection every match is
 * only logged and the request goes on.
 */
public class WafFilter implements GlobalFilter, Ordered, WafStage {

    private final WafPolicyStore store;

    private final WafLog wafLog;

    private final WafProperties properties;

    private final JsonMapper jsonMapper;

    private final WafRequestParser parser;

    private final Clock clock;

    private final Scheduler inspections;

    public WafFilter(
            WafPolicyStore store,
            WafLog wafLog,
            WafProperties properties,
            JsonMapper jsonMapper,
            Clock clock,
            Scheduler inspections) {
        this.store = store;
        this.wafLog = wafLog;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.parser = new WafRequestParser((int) properties.inspectedBodySize().toBytes());
        this.clock = clock;
        this.inspections = inspections;
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.WAF;
    }

    @Override
    public boolean passesUninspected(ServerHttpRequest request) {
        return !store.inspector().enabled()
                && !hasBody(request)
                && rawUri(request).length() <= properties.maxUrlLength()
                && headerBytes(request) <= properties.maxHeaderSize().toBytes();
    }

    private static String rawUri(ServerHttpRequest request) {
        return request.getURI().getRawPath()
                + (request.getURI().getRawQuery() != null
                        ? "?" + request.getURI().getRawQuery()
                        : "");
    }

    private static long headerBytes(ServerHttpRequest request) {
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        return headerBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawUri = rawUri(request);
        if (rawUri.length() > properties.maxUrlLength()) {
            return error(
                    exchange,
                    HttpStatus.URI_TOO_LONG,
                    "UriTooLong",
                    "The request URL is longer than the edge accepts (" + properties.maxUrlLength() + " characters).");
        }
        if (headerBytes(request) > properties.maxHeaderSize().toBytes()) {
            return error(
                    exchange,
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "RequestHeaderFieldsTooLarge",
                    "The request headers are larger than the edge accepts ("
                            + properties.maxHeaderSize().toKilobytes() + " KB).");
        }
        long maxBody = properties.maxBodySize().toBytes();
        if (request.getHeaders().getContentLength() > maxBody) {
            return tooLarge(exchange);
        }
        WafInspector inspector = store.inspector();
        if (!inspector.enabled()) {
            // A body without Content-Length (chunked) is only measured as it streams to the origin.
            if (!hasBody(request)) {
                return chain.filter(exchange);
            }
            AtomicBoolean cut = new AtomicBoolean();
            return chain.filter(exchange.mutate()
                    .request(limited(request, maxBody, cut))
                    .response(tooLargeOnceCut(exchange.getResponse(), cut))
                    .build());
        }
        if (!inspector.inspectsBody() || !hasBody(request)) {
            return inspect(exchange, chain, inspector, new byte[0], exchange);
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, maxBody))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> inspect(
                        exchange,
                        chain,
                        inspector,
                        bytes,
                        exchange.mutate().request(replaying(request, bytes)).build()))
                .onErrorResume(DataBufferLimitException.class, tooBig -> tooLarge(exchange));
    }

    private static boolean hasBody(ServerHttpRequest request) {
        return request.getHeaders().getContentLength() > 0
                || request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private Mono<Void> inspect(
            ServerWebExchange original,
            GatewayFilterChain chain,
            WafInspector inspector,
            byte[] body,
            ServerWebExchange forward) {
        ServerHttpRequest request = original.getRequest();
        String socketIp = address(request.getRemoteAddress());
        String clientIp = clientIp(request, socketIp);
        String rawUri = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() != null
                        ? "?" + request.getURI().getRawQuery()
                        : "");
        // Parsing and the rules run on the inspection scheduler, off the event loop; what follows
        // (the block response or the route onwards) goes on from that thread.
        return Mono.fromCallable(() -> {
                    List<Map.Entry<String, String>> headers = new ArrayList<>();
                    request.getHeaders()
                            .headerSet()
                            .forEach(h -> h.getValue().forEach(v -> headers.add(Map.entry(h.getKey(), v))));
                    WafRequest parsed =
                            parser.parse(request.getMethod().name(), rawUri, "HTTP/1.1", headers, body, clientIp);
                    return new Inspected(parsed, inspector.inspect(parsed, socketIp, clock.instant()));
                })
                .subscribeOn(inspections)
                .flatMap(inspected -> act(original, chain, inspector, forward, inspected, clientIp, rawUri))
                .onErrorResume(RejectedExecutionException.class, busy -> busy(original));
    }

    private record Inspected(WafRequest request, Verdict verdict) {}

    private Mono<Void> act(
            ServerWebExchange original,
            GatewayFilterChain chain,
            WafInspector inspector,
            ServerWebExchange forward,
            Inspected inspected,
            String clientIp,
            String rawUri) {
        String reference = EdgeReference.of(original);
        Verdict verdict = inspected.verdict();
        boolean prevention = inspector.prevention();
        String outcome = !prevention
                ? "Log"
                : switch (verdict.decision()) {
                    case BLOCK -> "Block";
                    case REDIRECT -> "Redirect";
                    case ALLOW -> "Allow";
                    case PASS -> "Log";
                };
        String mode = prevention ? "Prevention" : "Detection";
        for (Finding finding : verdict.findings()) {
            wafLog.record(new WafLog.Entry(
                    clock.instant(),
                    reference,
                    clientIp,
                    inspected.request().method(),
                    abbreviate(rawUri),
                    finding.ruleSet(),
                    finding.ruleId(),
                    finding.group(),
                    finding.message(),
                    finding.severity(),
                    finding.variable(),
                    finding.value(),
                    finding.action(),
                    outcome,
                    mode));
        }
        if (prevention && verdict.decision() == Verdict.Decision.BLOCK) {
            return block(original, inspector, reference);
        }
        if (prevention && verdict.decision() == Verdict.Decision.REDIRECT) {
            ServerHttpResponse response = original.getResponse();
            response.setStatusCode(HttpStatus.FOUND);
            response.getHeaders()
                    .set(
                            HttpHeaders.LOCATION,
                            inspector.policy().properties().policySettings().redirectUrl());
            return response.setComplete();
        }
        return chain.filter(forward);
    }

    /**
     * Every inspection thread busy and its queue full: 503 at once, in the edge's error shape, with
     * Retry-After, rather than an unbounded queue (the request is neither inspected nor forwarded).
     */
    private Mono<Void> busy(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return error(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "ServerBusy",
                "The edge's web application firewall is busy inspecting other requests; retry shortly.");
    }

    /** Front Door's RemoteAddr: the client's address as X-Forwarded-For gives it, else the socket's. */
    private static String clientIp(ServerHttpRequest request, String socketIp) {
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].strip();
        }
        return socketIp;
    }

    private static String address(InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    private Mono<Void> block(ServerWebExchange exchange, WafInspector inspector, String reference) {
        WafPolicy.PolicySettings settings = inspector.policy().properties().policySettings();
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(settings.customBlockResponseStatusCode()));
        response.getHeaders().setCacheControl("no-store");
        EdgeHeaders.addTo(response.getHeaders());
        byte[] body;
        if (settings.customBlockResponseBody() != null) {
            // Front Door substitutes {{azure-ref}} in a custom block body with the request's reference.
            String custom =
                    new String(Base64.getDecoder().decode(settings.customBlockResponseBody()), StandardCharsets.UTF_8);
            body = custom.replace("{{azure-ref}}", reference).getBytes(StandardCharsets.UTF_8);
            response.getHeaders()
                    .setContentType(custom.stripLeading().startsWith("<") ? MediaType.TEXT_HTML : MediaType.TEXT_PLAIN);
        } else if (wantsHtml(exchange.getRequest())) {
            body = blockPage(reference).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        } else {
            body = jsonMapper.writeValueAsBytes(EdgeError.of(
                    "RequestBlocked", "The request is blocked by the web application firewall.", reference));
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static boolean wantsHtml(ServerHttpRequest request) {
        return request.getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    private static String blockPage(String reference) {
        return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Request blocked</title></head>
				<body><h1>The request is blocked.</h1>
				<p>The web application firewall blocked this request. If you believe this is a mistake, contact the site's administrator and quote this reference:</p>
				<p><code>%s</code></p></body></html>
				""".formatted(HtmlUtils.htmlEscape(reference));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return error(exchange, HttpStatus.CONTENT_TOO_LARGE, "RequestEntityTooLarge", tooLargeMessage());
    }

    private Mono<Void> error(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        EdgeHeaders.addTo(response.getHeaders());
        byte[] body = jsonMapper.writeValueAsBytes(EdgeError.of(code, message, EdgeReference.of(exchange)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /**
     * The body as it streams, cut with a 413 once it passes the edge's limit: the error reaches
     * {@link dev.powerpages.emulator.gateway.edge.EdgeErrorHandler}, which answers in the edge's
     * error shape while the origin has not answered yet.
     */
    private ServerHttpRequest limited(ServerHttpRequest request, long maxBody, AtomicBoolean cut) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> {
                    long[] seen = {0};
                    return super.getBody().handle((buffer, sink) -> {
                        seen[0] += buffer.readableByteCount();
                        if (seen[0] > maxBody) {
                            cut.set(true);
                            DataBufferUtils.release(buffer);
                            sink.error(bodyTooLarge());
                            return;
                        }
                        sink.next(buffer);
                    });
                });
            }
        };
    }

    /**
     * Once the edge has cut the body, the client gets the edge's 413 whatever the origin made of
     * the cut: an origin that sees its request end early may still answer (Reactor Netty and Tomcat
     * answer 400 or 500), and that answer can reach the edge before the cut's own error does.
     */
    private ServerHttpResponse tooLargeOnceCut(ServerHttpResponse response, AtomicBoolean cut) {
        return new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return cut.get() ? discard(body) : super.writeWith(body);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return cut.get() ? discard(Flux.from(body).flatMap(part -> part)) : super.writeAndFlushWith(body);
            }

            private Mono<Void> discard(Publisher<? extends DataBuffer> body) {
                return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.error(bodyTooLarge()));
            }
        };
    }

    /** The streamed body's 413, which EdgeErrorHandler answers in the edge's error shape. */
    private ResponseStatusException bodyTooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLargeMessage());
    }

    private String tooLargeMessage() {
        return "The request body is larger than the edge accepts ("
                + properties.maxBodySize().toMegabytes() + " MB).";
    }

    private static ServerHttpRequest replaying(ServerHttpRequest request, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }

    private static String abbreviate(String uri) {
        return uri.length() > 512 ? uri.substring(0, 512) + "…" : uri;
    }
}
