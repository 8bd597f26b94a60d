package dev.powerpages.emulator.appnode.chaos;

import dev.powerpages.emulator.appnode.node.NodePaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@code latencyMs} and {@code errorRate} to site requests only: the node's own endpoints
 * ({@code /_services/*}, {@code /actuator/*}) stay responsive so faults can be inspected and cleared.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SiteFaultsFilter extends OncePerRequestFilter {

    private final ChaosState chaos;

    SiteFaultsFilter(ChaosState chaos) {
        this.chaos = chaos;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return NodePaths.isNodeService(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Faults faults = chaos.current();
        if (faults.latencyMs() > 0) {
            try {
                Thread.sleep(faults.latencyMs());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (faults.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream()
                    .write(
                            "<!DOCTYPE html><html><head><title>Service unavailable</title></head><body><h1>503 Service unavailable</h1><p>Injected fault (errorRate).</p></body></html>"
                                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
