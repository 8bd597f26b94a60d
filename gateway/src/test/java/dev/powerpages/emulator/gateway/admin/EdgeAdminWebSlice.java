package dev.powerpages.emulator.gateway.admin;

import dev.powerpages.emulator.gateway.cdn.CdnProperties;
import dev.powerpages.emulator.gateway.origin.EdgeRetryProperties;
import dev.powerpages.emulator.gateway.origin.TrafficManagerProperties;
import dev.powerpages.emulator.gateway.waf.WafProperties;
import dev.powerpages.emulator.support.admin.AdminKeyReactiveAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A web slice of the gateway for tests of its admin API ({@code /_edge/admin/...}) without the routing: the WAF,
 * CDN and origin admin controllers through a WebTestClient bound to the context, the stores and caches behind them
 * (the {@code waf}, {@code cdn} and {@code origin} configurations, with application.yml's properties), the edge's
 * reference filter and error handler (package {@code edge}), and the service-support starter's reactive admin-key
 * chain with the edge's answer to it ({@link EdgeAdminSecurity}). Left out: Spring Cloud Gateway's routing (the
 * configurations' route filters are beans nothing calls), the actuator, TLS; a simple meter registry stands in for
 * Prometheus'. What needs the routing (a visitor's request reaching an app node, the WAF blocking it, the CDN
 * caching it) stays in the full-context tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebFluxTest(
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = {
                            "dev\\.powerpages\\.emulator\\.gateway\\.admin\\.EdgeAdminSecurity",
                            "dev\\.powerpages\\.emulator\\.gateway\\.edge\\.EdgeConfiguration",
                            "dev\\.powerpages\\.emulator\\.gateway\\.waf\\.WafConfiguration",
                            "dev\\.powerpages\\.emulator\\.gateway\\.cdn\\.CdnConfiguration",
                            "dev\\.powerpages\\.emulator\\.gateway\\.origin\\.OriginConfiguration"
                        }))
@Import(EdgeAdminWebSlice.Services.class)
@ImportAutoConfiguration(AdminKeyReactiveAutoConfiguration.class)
public @interface EdgeAdminWebSlice {

    /** Properties for the slice's environment, as {@link WebFluxTest#properties()}. */
    @AliasFor(annotation = WebFluxTest.class)
    String[] properties() default {};

    /**
     * The gateway's properties records (named: the slice's type filter also applies to a properties scan), and the
     * meter registry the CDN's and the origin's counters need.
     */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        WafProperties.class,
        CdnProperties.class,
        TrafficManagerProperties.class,
        EdgeRetryProperties.class
    })
    class Services {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
