package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import dev.powerpages.emulator.waf.WafInspector;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's request limits and the WAF, first in the route as at Front Door (before the CDN).
 * Oversized requests get 414/431/413. With the policy enabled, the request (its body read up to
 * the limit and replayed to the origin) is inspected by {@link WafInspection}, which the proxied
 * fast path ahead of the pipeline shares for a GET or HEAD without a body: in Prevention a Block
 * answers with the policy's status and a block page or JSON naming the X-Azure-Ref, in Detection
 * every match is only logged and the request goes on.
 */
public class WafFilter implements GlobalFilter, Ordered {

    private final WafInspection inspection;

    private final WafPolicyStore store;

    private final WafProperties properties;

    public WafFilter(WafInspection inspection) {
        this.inspection = inspection;
        this.store = inspection.store();
        this.properties = inspection.properties();
    }

    /** A filter with an inspection of its own (the unit tests'). */
    WafFilter(
            WafPolicyStore store,
            WafLog wafLog,
            WafProperties properties,
            JsonMapper jsonMapper,
            Clock clock,
            Scheduler inspections) {
        this(new WafInspection(store, wafLog, properties, jsonMapper, clock, inspections));
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.WAF;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (WafInspection.rawUriLength(request) > properties.maxUrlLength()) {
            return inspection.error(
                    exchange,
                    HttpStatus.URI_TOO_LONG,
                    "UriTooLong",
                    "The request URL is longer than the edge accepts (" + properties.maxUrlLength() + " characters).");
        }
        if (WafInspection.headerBytes(request) > properties.maxHeaderSize().toBytes()) {
            return inspection.error(
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
        boolean hasBody = WafInspection.hasBody(request);
        if (!inspector.enabled()) {
            // A body without Content-Length (chunked) is only measured as it streams to the origin.
            if (!hasBody) {
                return chain.filter(exchange);
            }
            AtomicBoolean cut = new AtomicBoolean();
            return chain.filter(exchange.mutate()
                    .request(limited(request, maxBody, cut))
                    .response(tooLargeOnceCut(exchange.getResponse(), cut))
                    .build());
        }
        if (!inspector.inspectsBody() || !hasBody) {
            return inspection
                    .inspect(exchange, inspector, new byte[0])
                    .flatMap(onwards -> onwards ? chain.filter(exchange) : Mono.empty());
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, maxBody))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> inspection
                        .inspect(exchange, inspector, bytes)
                        .flatMap(onwards -> onwards
                                ? chain.filter(exchange.mutate()
                                        .request(replaying(request, bytes))
                                        .build())
                                : Mono.empty()))
                .onErrorResume(DataBufferLimitException.class, tooBig -> tooLarge(exchange));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return inspection.error(exchange, HttpStatus.CONTENT_TOO_LARGE, "RequestEntityTooLarge", tooLargeMessage());
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
}
