package dev.powerpages.emulator.support.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.limits.RequestLimits;
import dev.powerpages.emulator.support.limits.RequestLimitsAnswers;
import dev.powerpages.emulator.support.limits.RequestLimitsFilter;
import dev.powerpages.emulator.support.tomcat.JsonErrorReportValve;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The request limits and Tomcat's JSON error answers as the starter installs them: the limits filter only in a
 * service that says how it answers (its {@link RequestLimitsAnswers}), refusing in that service's shape; the valve
 * in every servlet service, with the envelope unless the service brings its own body.
 */
class ServletSupportAutoConfigurationTest {

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServletSupportAutoConfiguration.class));

    @Test
    void aServiceThatSaysHowItAnswersGetsTheLimitsFilterWithItsLimits() {
        runner.withUserConfiguration(Answers.class)
                .withPropertyValues("limits.max-url-length=20")
                .run(context -> {
                    assertThat(context.getBean(RequestLimits.class).maxUrlLength())
                            .isEqualTo(20);
                    FilterRegistrationBean<?> registration =
                            context.getBean("requestLimitsFilter", FilterRegistrationBean.class);
                    assertThat(registration.getOrder()).isEqualTo(RequestLimitsFilter.ORDER);
                    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/a-path-longer-than-twenty");
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    registration.getFilter().doFilter(request, response, new MockFilterChain());
                    assertThat(response.getStatus()).isEqualTo(414);
                    assertThat(response.getContentAsString()).isEqualTo("test service: UriTooLong");
                });
    }

    @Test
    void withoutItsAnswersThereIsNoLimitsFilter() {
        runner.run(context -> assertThat(context).doesNotHaveBean("requestLimitsFilter"));
    }

    @Test
    void tomcatsOwnErrorsGetTheEnvelopeUnlessTheServiceBringsItsBody() {
        runner.run(context -> {
            assertThat(context).hasBean("jsonErrorReportValve");
            assertThat(context.getBean(JsonErrorReportValve.ErrorBody.class).json("/x", 400, "Bad \"line\""))
                    .isEqualTo("{\"error\":{\"code\":\"RequestRejected\",\"message\":\"Bad \\\"line\\\"\"}}");
            assertThat(context.getBean(ServletErrorProperties.class).tomcatHeaders())
                    .containsEntry("X-Content-Type-Options", "nosniff");
        });
        runner.withUserConfiguration(OwnBody.class)
                .withPropertyValues("stack.errors.tomcat-headers.[OData-Version]=4.0")
                .run(context -> {
                    assertThat(context.getBean(JsonErrorReportValve.ErrorBody.class)
                                    .json("/x", 400, "m"))
                            .isEqualTo("{\"own\":400}");
                    assertThat(context.getBean(ServletErrorProperties.class).tomcatHeaders())
                            .containsExactly(java.util.Map.entry("OData-Version", "4.0"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Answers {

        @Bean
        RequestLimitsAnswers answers() {
            return new RequestLimitsAnswers() {
                @Override
                public String self() {
                    return "test service";
                }

                @Override
                public boolean jsonOnly(String path) {
                    return false;
                }

                @Override
                public void write(HttpServletResponse response, String path, int status, String code, String message)
                        throws IOException {
                    response.setStatus(status);
                    response.getWriter().write(self() + ": " + code);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBody {

        @Bean
        JsonErrorReportValve.ErrorBody ownBody() {
            return (path, status, message) -> "{\"own\":" + status + "}";
        }
    }
}
