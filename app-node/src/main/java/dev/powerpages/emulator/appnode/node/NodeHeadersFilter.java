package dev.powerpages.emulator.appnode.node;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stamps {@code X-PP-Region} and {@code X-PP-Node} on every response (pages, errors, 404s, {@code /_services/*},
 * actuator). It runs first and sets the headers before anything can commit the response, so the gateway and
 * the traffic manager can always tell which node answered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NodeHeadersFilter extends OncePerRequestFilter {

    public static final String REGION_HEADER = "X-PP-Region";
    public static final String NODE_HEADER = "X-PP-Node";

    private final NodeProperties node;

    public NodeHeadersFilter(NodeProperties node) {
        this.node = node;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(REGION_HEADER, node.region());
        response.setHeader(NODE_HEADER, node.name());
        chain.doFilter(request, response);
    }
}
