package dev.powerpages.emulator.gateway.edge;

import dev.powerpages.emulator.gateway.EdgeFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives the edge's own endpoints ({@code /_edge/**}, {@code /actuator/**}) the {@link EdgeHeaders};
 * requests for the site are left alone, so the app nodes' headers reach the visitor unchanged.
 */
public class EdgeOwnResponsesFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return EdgeFilterOrder.REFERENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (ownPath(exchange.getRequest().getPath().pathWithinApplication())) {
            EdgeHeaders.addTo(exchange.getResponse().getHeaders());
        }
        return chain.filter(exchange);
    }

    public static boolean ownPath(PathContainer path) {
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment
                    && !segment.valueToMatch().isEmpty()) {
                return segment.valueToMatch().equals("_edge")
                        || segment.valueToMatch().equals("actuator");
            }
        }
        return false;
    }
}
