package dev.powerpages.emulator.regionfront.scale;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The autoscaler's clock (a test's own where it brings one) and the region's request rate; the scheduled checks. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScaleConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RequestRate requestRate(Clock clock) {
        return new RequestRate(clock);
    }
}
