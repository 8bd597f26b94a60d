package dev.powerpages.emulator.gateway.admin;

import dev.powerpages.emulator.support.admin.AdminPath;
import java.util.List;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Spring Security's web filter ({@link WebFilterChainProxy}) only for requests on the admin paths (issue 16). The
 * gateway's one security chain (service-support's admin-key chain) already applies only to {@code stack.admin.paths}
 * through its {@code securityMatcher}, but the proxy finds that out per request with a Reactor pipeline of its own
 * (the chains filtered with {@code filterWhen}, an {@code OrServerWebExchangeMatcher} whose debug message is formatted
 * whatever the log level) before it passes a visitor's request on untouched. Here a visitor's request goes straight to
 * the next web filter when its path matches none of the admin path patterns; every other request goes through the
 * proxy exactly as before, so the proxy's own matcher (methods included) still decides.
 * <p>
 * The check is the one the chain's matcher makes: each pattern parsed as Spring Security's
 * {@code PathPatternParserServerWebExchangeMatcher} parses it ({@link PathPatternParser#defaultInstance}), matched
 * against the same decoded path without matrix parameters ({@code pathWithinApplication}), so an encoded spelling of
 * an admin path ({@code /_edge/%61dmin/waf}) still meets the key. Skipping the proxy for other paths skips nothing
 * else: the chain's matcher would not match them, and the edge's firewall passes every request
 * ({@link EdgeAdminSecurity#edgeFirewall()}). Applied only while that admin-key chain is the context's only
 * security chain ({@link EdgeAdminSecurity}): another chain might cover other paths.
 */
final class SecurityForAdminPathsOnly implements WebHttpHandlerBuilderCustomizer {

    private final List<PathPattern> adminPatterns;

    SecurityForAdminPathsOnly(List<AdminPath> adminPaths) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        this.adminPatterns = adminPaths.stream()
                .map(path -> parser.parse(parser.initFullPathPattern(path.pattern())))
                .toList();
    }

    @Override
    public void customize(WebHttpHandlerBuilder builder) {
        builder.filters(filters -> filters.replaceAll(
                filter -> filter instanceof WebFilterChainProxy proxy ? new AdminPathsOnlyFilter(proxy) : filter));
    }

    /** Whether the request's path is one the admin-key chain may cover. */
    boolean adminPath(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : adminPatterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Spring Security's proxy, in its place among the web filters, consulted for the admin paths only. */
    final class AdminPathsOnlyFilter implements WebFilter {

        private final WebFilter security;

        AdminPathsOnlyFilter(WebFilter security) {
            this.security = security;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return adminPath(exchange) ? security.filter(exchange, chain) : chain.filter(exchange);
        }
    }
}
