package dev.powerpages.emulator.gateway.admin;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import dev.powerpages.emulator.gateway.edge.EdgeError;
import dev.powerpages.emulator.gateway.edge.EdgeHeaders;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards the edge settings: every request under {@code /_edge/admin/} needs the admin key in
 * {@code X-Admin-Key}, or gets 401.
 */
public class AdminKeyFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Admin-Key";

    public static final String PREFIX = "/_edge/admin";

    private final byte[] adminKey;

    private final JsonMapper jsonMapper;

    public AdminKeyFilter(AdminProperties properties, JsonMapper jsonMapper) {
        this.adminKey = properties.adminKey().getBytes(StandardCharsets.UTF_8);
        this.jsonMapper = jsonMapper;
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.ADMIN_KEY;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!guarded(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        // Constant-time comparison: the key must not leak through response timing.
        if (presented != null && MessageDigest.isEqual(adminKey, presented.getBytes(StandardCharsets.UTF_8))) {
            return chain.filter(exchange);
        }
        return unauthorized(
                exchange,
                presented == null
                        ? "The X-Admin-Key header is missing."
                        : "The X-Admin-Key header does not hold the admin key.");
    }

    /**
     * Whether the path is under the admin prefix as the handler mappings see it: they match the
     * decoded segments without matrix parameters, so {@code /_edge/%61dmin/waf} and
     * {@code /_edge/admin;x/waf} reach the admin controllers too and must be guarded like
     * {@code /_edge/admin/waf} (a raw prefix test let both through without the key).
     */
    static boolean guarded(PathContainer path) {
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment
                    && !segment.valueToMatch().isEmpty()) {
                segments.add(segment.valueToMatch());
            }
        }
        return segments.size() >= 2
                && segments.get(0).equals("_edge")
                && segments.get(1).equals("admin");
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        EdgeHeaders.addTo(response.getHeaders());
        byte[] body = jsonMapper.writeValueAsBytes(EdgeError.of("Unauthorized", message, EdgeReference.of(exchange)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
