package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.gateway.NativeRequestHeaders;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WAF's inspection of one request and what its verdict makes the edge do, in one place for both ways a request
 * reaches it: the stage in the route ({@link WafFilter}, every request the pipeline takes) and the proxied fast path
 * ahead of the pipeline (through {@link WafStage}, a GET or HEAD without a body). Parsing and the rules run on the
 * {@code inspections} scheduler, never on the event loop; every finding is logged ({@link WafLog}) with the request's
 * X-Azure-Ref; in Prevention a Block is answered with the policy's status and Front Door's block page, JSON or the
 * policy's custom body, a Redirect with 302 to the policy's URL; in Detection every match is only logged. When every
 * inspection thread is busy and its queue is full the request gets 503 with Retry-After at once.
 */
public class WafInspection implements WafStage {

    private final WafPolicyStore store;

    private final WafLog wafLog;

    private final WafProperties properties;

    private final JsonMapper jsonMapper;

    private final WafRequestParser parser;

    private final Clock clock;

    private final Scheduler inspections;

    private final long maxHeaderBytes;

    public WafInspection(
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
        this.maxHeaderBytes = properties.maxHeaderSize().toBytes();
    }

    WafPolicyStore store() {
        return store;
    }

    WafProperties properties() {
        return properties;
    }

    @Override
    public Ahead ahead(ServerHttpRequest request) {
        if (hasBody(request)
                || rawUriLength(request) > properties.maxUrlLength()
                || headerBytes(request) > maxHeaderBytes) {
            return Ahead.PIPELINE;
        }
        return store.inspector().enabled() ? Ahead.INSPECTED : Ahead.UNTOUCHED;
    }

    @Override
    public Mono<Boolean> inspect(ServerWebExchange exchange) {
        WafInspector inspector = store.inspector();
        // The policy was switched off since the request was judged: the stage in the route would pass it on too.
        return inspector.enabled() ? inspect(exchange, inspector, new byte[0]) : Mono.just(true);
    }

    /**
     * Inspects the request of {@code exchange} with {@code body} (what the stage read of it) and acts on the verdict:
     * emits true, on the inspection's thread, when the request goes on to the origin, false once it is answered here.
     */
    Mono<Boolean> inspect(ServerWebExchange exchange, WafInspector inspector, byte[] body) {
        ServerHttpRequest request = exchange.getRequest();
        String socketIp = address(request.getRemoteAddress());
        String clientIp = clientIp(request, socketIp);
        String rawUri = rawUri(request);
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
                .flatMap(inspected -> act(exchange, inspector, inspected, clientIp, rawUri))
                .onErrorResume(
                        RejectedExecutionException.class, busy -> busy(exchange).thenReturn(false));
    }

    private record Inspected(WafRequest request, Verdict verdict) {}

    private Mono<Boolean> act(
            ServerWebExchange exchange, WafInspector inspector, Inspected inspected, String clientIp, String rawUri) {
        String reference = EdgeReference.of(exchange);
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
            return block(exchange, inspector, reference).thenReturn(false);
        }
        if (prevention && verdict.decision() == Verdict.Decision.REDIRECT) {
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.FOUND);
            response.getHeaders()
                    .set(
                            HttpHeaders.LOCATION,
                            inspector.policy().properties().policySettings().redirectUrl());
            return response.setComplete().thenReturn(false);
        }
        return Mono.just(true);
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

    /** An answer of the edge's own in its error shape (JSON with the reference), never cached. */
    Mono<Void> error(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        EdgeHeaders.addTo(response.getHeaders());
        byte[] body = jsonMapper.writeValueAsBytes(EdgeError.of(code, message, EdgeReference.of(exchange)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
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

    static boolean hasBody(ServerHttpRequest request) {
        return request.getHeaders().getContentLength() > 0
                || request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The request's path and query as the visitor sent them (what the edge's URL limit and the rules read). */
    static String rawUri(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return request.getURI().getRawPath() + (query != null ? "?" + query : "");
    }

    /** {@code rawUri(request).length()} without building the string (checked on the event loop for every request). */
    static int rawUriLength(ServerHttpRequest request) {
        String path = request.getURI().getRawPath();
        String query = request.getURI().getRawQuery();
        return String.valueOf(path).length() + (query != null ? 1 + query.length() : 0);
    }

    /** The request's headers as the edge's header limit counts them: name, ": ", value and CRLF per line. */
    static long headerBytes(ServerHttpRequest request) {
        long headerBytes = 0;
        io.netty.handler.codec.http.HttpHeaders netty = NativeRequestHeaders.of(request);
        if (netty != null) {
            // The same names and values as the loop below reads through Spring's view, without its copies.
            for (String name : NativeRequestHeaders.names(netty)) {
                for (String value : netty.getAll(name)) {
                    headerBytes += name.length() + value.length() + 4;
                }
            }
            return headerBytes;
        }
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        return headerBytes;
    }

    private static String abbreviate(String uri) {
        return uri.length() > 512 ? uri.substring(0, 512) + "…" : uri;
    }
}
