package dev.powerpages.emulator.support.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.WebFilterChainProxy;
import reactor.core.publisher.Mono;

/**
 * The reactive admin-key chain (the gateway's): the same check and the same answers as the servlet one, and paths
 * matched as the handler mappings match them, encoded or with matrix parameters.
 */
class AdminKeyReactiveAutoConfigurationTest {

    final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SecurityAutoConfiguration.class,
                    ReactiveWebSecurityAutoConfiguration.class,
                    AdminKeyReactiveAutoConfiguration.class))
            .withPropertyValues("stack.admin.paths[0]=/_edge/admin/**");

    @Test
    void protectedPathWithoutOrWithAWrongKeyGetsTheEnvelope401() {
        runner.run(context -> {
            for (String key : new String[] {null, "wrong-key", "EMULATOR-ADMIN-KEY"}) {
                Call call = call(context, HttpMethod.GET, "/_edge/admin/waf", key);
                assertThat(call.reached()).as(key).isFalse();
                assertThat(call.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
                assertThat(body(call)).isEqualTo(AdminKeyServletAutoConfigurationTest.UNAUTHORIZED);
            }
        });
    }

    @Test
    void theRightKeyGoesThroughAndOtherPathsAreLeftAlone() {
        runner.run(context -> {
            assertThat(call(context, HttpMethod.PATCH, "/_edge/admin/cdn", "emulator-admin-key")
                            .reached())
                    .isTrue();
            Call site = call(context, HttpMethod.GET, "/contact-us", null);
            assertThat(site.reached()).isTrue();
            assertThat(site.exchange().getResponse().getHeaders().isEmpty()).isTrue();
        });
    }

    @Test
    void encodedAndMatrixSpellingsOfAProtectedPathStillNeedTheKey() {
        runner.run(context -> {
            for (String path : new String[] {"/_edge/%61dmin/waf", "/_edge/admin;x=1/waf", "/%5Fedge/admin/waf"}) {
                assertThat(call(context, HttpMethod.GET, path, null).reached())
                        .as(path)
                        .isFalse();
            }
        });
    }

    @Test
    void aServicesOwnAnswerWins() {
        runner.withUserConfiguration(OwnAnswer.class).run(context -> {
            Call missing = call(context, HttpMethod.GET, "/_edge/admin/waf", null);
            Call wrong = call(context, HttpMethod.GET, "/_edge/admin/waf", "nope");
            assertThat(missing.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(body(missing)).isEqualTo("MISSING");
            assertThat(body(wrong)).isEqualTo("WRONG");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAnswer {

        @Bean
        ReactiveAdminKeyRejection ownAnswer() {
            return (exchange, failure) -> {
                exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
                return exchange.getResponse()
                        .writeWith(Mono.just(exchange.getResponse()
                                .bufferFactory()
                                .wrap(failure.name().getBytes(StandardCharsets.UTF_8))));
            };
        }
    }

    record Call(MockServerWebExchange exchange, boolean reached) {}

    static Call call(ApplicationContext context, HttpMethod method, String path, String key) {
        WebFilterChainProxy security = context.getBean(WebFilterChainProxy.class);
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(method, path);
        if (key != null) {
            request.header("X-Admin-Key", key);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        AtomicBoolean reached = new AtomicBoolean();
        security.filter(exchange, passed -> {
                    reached.set(true);
                    return Mono.empty();
                })
                .block();
        return new Call(exchange, reached.get());
    }

    static String body(Call call) {
        return call.exchange().getResponse().getBodyAsString().block();
    }
}
