package dev.powerpages.emulator.appnode.limits;

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
 * The node's request limits ({@code limits.*}) and Tomcat's own refusals, both answered in the path's error shape
 * ({@link NodeErrors}): Dataverse's on the Web API, the node's envelope on its own endpoints, a small HTML page on
 * site pages (the filter), JSON everywhere from Tomcat, which refuses before the path means anything (the valve).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.class)
class RequestLimitsConfiguration {

    /** Right after the node's identity and security headers, so refusals carry them too. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(RequestLimits limits) {
        // Dataverse's Web API takes JSON bodies only; the node's other endpoints decide for themselves.
        RequestLimitsFilter filter =
                new RequestLimitsFilter(limits, "this node", NodeErrors::isWebApi, NodeErrors::write);
        FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("requestLimitsFilter");
        registration.setOrder(ORDER);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReportValve() {
        // Tomcat's answers pass no filter of the node's, so the header its security headers filter adds comes here.
        return JsonErrorReportValve.customizer(
                (path, status, message) -> NodeErrors.json(NodeErrors.code(path, status, "RequestRejected"), message),
                Map.of("X-Content-Type-Options", "nosniff"));
    }
}
