package dev.powerpages.emulator.support.servlet;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import dev.powerpages.emulator.support.limits.RequestLimits;
import dev.powerpages.emulator.support.limits.RequestLimitsAnswers;
import dev.powerpages.emulator.support.limits.RequestLimitsFilter;
import dev.powerpages.emulator.support.tomcat.JsonErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every servlet service shares below its controllers: the request limits ({@code limits.*}, enforced by
 * {@link RequestLimitsFilter} in a service that declares its {@link RequestLimitsAnswers}) and Tomcat's own error
 * answers as JSON ({@link JsonErrorReportValve}; the body {@code {"error":{"code":"RequestRejected",…}}} unless the
 * service declares its own {@link JsonErrorReportValve.ErrorBody}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({RequestLimits.class, ServletErrorProperties.class})
public class ServletSupportAutoConfiguration {

    @Bean
    @ConditionalOnBean(RequestLimitsAnswers.class)
    @ConditionalOnMissingBean(name = "requestLimitsFilter")
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(
            RequestLimits limits, RequestLimitsAnswers answers) {
        RequestLimitsFilter filter = new RequestLimitsFilter(limits, answers.self(), answers::jsonOnly, answers);
        FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("requestLimitsFilter");
        registration.setOrder(RequestLimitsFilter.ORDER);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    static class TomcatErrorAnswers {

        @Bean
        @ConditionalOnMissingBean
        JsonErrorReportValve.ErrorBody tomcatErrorBody() {
            return (path, status, message) -> ErrorEnvelope.json("RequestRejected", message);
        }

        @Bean
        @ConditionalOnMissingBean(name = "jsonErrorReportValve")
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReportValve(
                JsonErrorReportValve.ErrorBody body, ServletErrorProperties properties) {
            return JsonErrorReportValve.customizer(body, properties.tomcatHeaders());
        }
    }
}
