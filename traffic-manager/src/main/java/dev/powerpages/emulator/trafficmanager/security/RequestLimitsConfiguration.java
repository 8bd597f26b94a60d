package dev.powerpages.emulator.trafficmanager.security;

import dev.powerpages.emulator.support.limits.RequestLimits;
import dev.powerpages.emulator.support.limits.RequestLimitsFilter;
import dev.powerpages.emulator.support.tomcat.JsonErrorReportValve;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The traffic manager's request limits ({@code limits.*}) and Tomcat's own refusals, both answered in ARM's
 * {@code {"error":{"code","message"}}} envelope ({@link TrafficManagerErrors}) rather than Tomcat's HTML report.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.class)
class RequestLimitsConfiguration {

    /** Right after the security headers, so refusals carry them too. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(RequestLimits limits) {
        // ARM and the dashboard API take JSON bodies only.
        RequestLimitsFilter filter = new RequestLimitsFilter(
                limits, "the traffic manager", TrafficManagerErrors::isWebApi, TrafficManagerErrors::write);
        FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("requestLimitsFilter");
        registration.setOrder(ORDER);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReportValve() {
        return JsonErrorReportValve.customizer(
                (path, status, message) ->
                        TrafficManagerErrors.json(TrafficManagerErrors.code(path, status, "RequestRejected"), message),
                Map.of("X-Content-Type-Options", "nosniff"));
    }
}
