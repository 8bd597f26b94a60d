package dev.powerpages.emulator.support.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The servlet admin-key chain as a service gets it from the starter: its {@code stack.admin.paths} refuse a missing
 * or wrong {@code X-Admin-Key} with the service's 401, let the right key through, and leave every other path alone;
 * a service's own answer replaces the envelope.
 */
class AdminKeyServletAutoConfigurationTest {

    static final String UNAUTHORIZED =
            "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"The X-Admin-Key header is missing or wrong\"}}";

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class,
                    AdminKeyServletAutoConfiguration.class))
            .withPropertyValues(
                    "stack.admin.paths[0]=/_services/chaos", "stack.admin.paths[1]=PUT,DELETE /api/profiles/**");

    @Test
    void protectedPathWithoutTheKeyGetsTheEnvelope401AndNeverReachesTheHandler() {
        runner.run(context -> {
            Call call = call(context, "GET", "/_services/chaos", null);
            assertThat(call.reached()).isFalse();
            assertThat(call.response().getStatus()).isEqualTo(401);
            assertThat(call.response().getContentType()).isEqualTo("application/json");
            assertThat(call.response().getContentAsString()).isEqualTo(UNAUTHORIZED);
        });
    }

    @Test
    void aWrongKeyGetsTheSame401() {
        runner.run(context -> {
            for (String wrong : new String[] {"not-the-key", "EMULATOR-ADMIN-KEY", "emulator-admin-ke", ""}) {
                Call call = call(context, "PUT", "/_services/chaos", wrong);
                assertThat(call.reached()).as(wrong).isFalse();
                assertThat(call.response().getStatus()).as(wrong).isEqualTo(401);
                assertThat(call.response().getContentAsString()).as(wrong).isEqualTo(UNAUTHORIZED);
            }
        });
    }

    @Test
    void theRightKeyGoesThroughToTheHandler() {
        runner.run(context -> {
            Call call = call(context, "DELETE", "/_services/chaos", "emulator-admin-key");
            assertThat(call.reached()).isTrue();
            assertThat(call.response().getStatus()).isEqualTo(200);
        });
    }

    @Test
    void aConfiguredKeyReplacesTheWellKnownOne() {
        runner.withPropertyValues("stack.admin.key=s3cret").run(context -> {
            assertThat(call(context, "GET", "/_services/chaos", "s3cret").reached())
                    .isTrue();
            assertThat(call(context, "GET", "/_services/chaos", "emulator-admin-key")
                            .response()
                            .getStatus())
                    .isEqualTo(401);
        });
    }

    @Test
    void unprotectedPathsAndUnlistedMethodsAreLeftAlone() {
        runner.run(context -> {
            for (String[] request : new String[][] {
                {"GET", "/"}, {"GET", "/_services/health"}, {"GET", "/api/profiles/contoso"}, {"POST", "/_api/contacts"}
            }) {
                Call call = call(context, request[0], request[1], null);
                assertThat(call.reached()).as(request[0] + " " + request[1]).isTrue();
                assertThat(call.response().getStatus()).isEqualTo(200);
                assertThat(call.response().getHeaderNames())
                        .as("no header added by Spring Security")
                        .isEmpty();
            }
            assertThat(call(context, "PUT", "/api/profiles/contoso", null)
                            .response()
                            .getStatus())
                    .isEqualTo(401);
        });
    }

    @Test
    void aServicesOwnAnswerWinsAndTellsMissingFromWrong() {
        runner.withUserConfiguration(OwnAnswer.class).run(context -> {
            assertThat(context).getBean(AdminKeyRejection.class).isSameAs(context.getBean("ownAnswer"));
            Call missing = call(context, "GET", "/_services/chaos", null);
            Call wrong = call(context, "GET", "/_services/chaos", "nope");
            assertThat(missing.response().getStatus()).isEqualTo(401);
            assertThat(missing.response().getContentAsString()).isEqualTo("MISSING");
            assertThat(wrong.response().getContentAsString()).isEqualTo("WRONG");
        });
    }

    @Test
    void noPathsProtectNothing() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        SecurityAutoConfiguration.class,
                        ServletWebSecurityAutoConfiguration.class,
                        AdminKeyServletAutoConfiguration.class))
                .run(context -> assertThat(
                                call(context, "GET", "/_services/chaos", null).reached())
                        .isTrue());
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAnswer {

        @Bean
        AdminKeyRejection ownAnswer() {
            return (request, response, failure) -> AdminKeyRejection.write(response, 401, failure.name());
        }
    }

    record Call(MockHttpServletResponse response, boolean reached) {}

    static Call call(ApplicationContext context, String method, String path, String key) throws Exception {
        Filter security = context.getBean("springSecurityFilterChain", Filter.class);
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (key != null) {
            request.addHeader("X-Admin-Key", key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain handler = new MockFilterChain();
        security.doFilter(request, response, handler);
        return new Call(response, handler.getRequest() != null);
    }
}
