package dev.powerpages.emulator.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.admin.AdminKeyProperties;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * A visitor's request does not walk Spring Security's proxy (issue 16), while every spelling of an admin path still
 * meets the security chain. The proxy here holds a chain that covers every request and answers 401, so a 200 says
 * the request went around it, and its matcher counts how often the proxy consulted it.
 */
class SecurityForAdminPathsOnlyTest {

    final AtomicInteger consulted = new AtomicInteger();

    final SecurityForAdminPathsOnly customizer =
            new SecurityForAdminPathsOnly(new AdminKeyProperties(null, null, List.of("/_edge/admin/**")).adminPaths());

    @Test
    void aVisitorsRequestIsNotSeenByTheSecurityChain() {
        MockServerHttpResponse response = send("/about/team/?q=1");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(consulted).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/_edge/admin/waf",
                "/_edge/admin/cdn/purge",
                "/_edge/%61dmin/waf",
                "/_edge/admin;x=1/waf",
                "/_edge;x=1/admin/waf",
                "/%5Fedge/admin/waf"
            })
    void everySpellingOfAnAdminPathStillMeetsTheSecurityChain(String rawPath) {
        MockServerHttpResponse response = send(rawPath);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(consulted).hasValue(1);
    }

    @Test
    void appliesOnlyWhileTheAdminKeyChainIsTheOnlySecurityChain() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("adminKeyProperties", new AdminKeyProperties(null, null, List.of("/_edge/admin/**")));
        beans.addBean("adminKeyWebFilterChain", rejectingEveryRequest());
        EdgeAdminSecurity security = new EdgeAdminSecurity();

        assertThat(security.securityForAdminPathsOnly(beans.getBeanProvider(AdminKeyProperties.class), beans))
                .isInstanceOf(SecurityForAdminPathsOnly.class);

        beans.addBean("anotherChain", rejectingEveryRequest());
        WebHttpHandlerBuilderCustomizer withTwoChains =
                security.securityForAdminPathsOnly(beans.getBeanProvider(AdminKeyProperties.class), beans);
        assertThat(withTwoChains).isNotInstanceOf(SecurityForAdminPathsOnly.class);
        WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.webHandler(
                        exchange -> exchange.getResponse().setComplete())
                .filter(new WebFilterChainProxy(rejectingEveryRequest()));
        withTwoChains.customize(builder);
        builder.filters(filters -> assertThat(filters).singleElement().isInstanceOf(WebFilterChainProxy.class));
    }

    private MockServerHttpResponse send(String rawPathAndQuery) {
        WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.webHandler(exchange -> {
                    exchange.getResponse().setStatusCode(HttpStatus.OK);
                    return exchange.getResponse().setComplete();
                })
                .filter(securityProxy());
        customizer.customize(builder);
        HttpHandler handler = builder.build();
        MockServerHttpRequest request = MockServerHttpRequest.method(
                        HttpMethod.GET, URI.create("http://localhost" + rawPathAndQuery))
                .build();
        MockServerHttpResponse response = new MockServerHttpResponse();
        handler.handle(request, response).block();
        return response;
    }

    /** The proxy as the gateway has it: with the edge's firewall, which passes every request. */
    private WebFilterChainProxy securityProxy() {
        WebFilterChainProxy proxy = new WebFilterChainProxy(rejectingEveryRequest());
        proxy.setFirewall(new EdgeAdminSecurity().edgeFirewall());
        return proxy;
    }

    private SecurityWebFilterChain rejectingEveryRequest() {
        WebFilter reject = (exchange, chain) -> {
            exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
            return exchange.getResponse().setComplete();
        };
        return new MatcherSecurityWebFilterChain(
                exchange -> {
                    consulted.incrementAndGet();
                    return MatchResult.match();
                },
                List.of(reject));
    }
}
