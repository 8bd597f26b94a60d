package dev.powerpages.emulator.trafficmanager;

import dev.powerpages.emulator.support.admin.AdminKeyServletAutoConfiguration;
import dev.powerpages.emulator.support.servlet.ServletSupportAutoConfiguration;
import dev.powerpages.emulator.trafficmanager.api.ProfileOperations;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A web slice of the traffic manager for tests that need its profile API but not the whole service: the profile
 * and resolve controllers through MockMvc ({@link AutoConfigureRestTestClient}), the profile operations and registry
 * (with the profiles of application.yml and its store), the service-support starter's admin-key chain and request
 * limits with the traffic manager's answers to them (package {@code security}), and a simple meter registry. Left out:
 * the prober (which would add its own status changes to what a test reads), the resource-manager connector and its
 * filter (package {@code arm}), the dashboard and, unless a test imports it, the DNS server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.powerpages\\.emulator\\.trafficmanager\\.arm\\..*"))
@Import({ProfileOperations.class, ProfileRegistry.class, ProfileWebSlice.Services.class})
@ImportAutoConfiguration({AdminKeyServletAutoConfiguration.class, ServletSupportAutoConfiguration.class})
@EnableConfigurationProperties(TrafficManagerProperties.class)
@AutoConfigureRestTestClient
public @interface ProfileWebSlice {

    /** Properties for the slice's environment, as {@link WebMvcTest#properties()}. */
    @AliasFor(annotation = WebMvcTest.class)
    String[] properties() default {};

    /** The traffic manager's answers to the starter and its security headers; the resolve count's meter registry. */
    @TestConfiguration(proxyBeanMethods = false)
    @ComponentScan("dev.powerpages.emulator.trafficmanager.security")
    class Services {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
