package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.odata.QueryOptionsParser;
import dev.powerpages.emulator.store.odata.SimpleQueryOptionsParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebApiConfiguration implements WebMvcConfigurer {

    private final StoreProperties properties;

    WebApiConfiguration(StoreProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ServiceProtectionLimits(properties.serviceProtection(), Clock.systemUTC()))
                .addPathPatterns(WebApiController.BASE_PATH + "/**");
    }

    @Bean
    QueryOptionsParser queryOptionsParser(EnvironmentSchemas schemas) {
        // $expand resolves navigation properties among the tables of the request's environment
        return new SimpleQueryOptionsParser(schemas::current);
    }

    /**
     * Every Web API response says OData-Version: 4.0, the 401s of the security filters included. Matched
     * in code rather than by URL pattern: after the environment filter, {@code /<env>/api/data/v9.2/...}
     * is a Web API path too.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> odataVersionHeader() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (path.equals(WebApiController.BASE_PATH) || path.startsWith(WebApiController.BASE_PATH + "/")) {
                    response.setHeader("OData-Version", "4.0");
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/*");
        // After the environment filter (HIGHEST_PRECEDENCE), which strips the environment's path prefix.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
