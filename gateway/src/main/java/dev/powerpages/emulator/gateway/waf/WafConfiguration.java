package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WafConfiguration {

    @Bean
    ManagedRuleCatalog managedRuleCatalog() {
        return new ManagedRuleCatalog();
    }

    @Bean
    WafPolicyStore wafPolicyStore(WafProperties properties, ManagedRuleCatalog catalog, JsonMapper jsonMapper) {
        return new WafPolicyStore(properties, catalog, jsonMapper);
    }

    @Bean
    WafLog wafLog(WafProperties properties) {
        return new WafLog(properties.logCapacity());
    }

    /**
     * Inspection is CPU work (up to a few hundred ms for a hostile 128 KB body): it runs on these
     * threads, never on Netty's event loop, whose few threads serve every connection. Bounded in
     * threads and in queued requests, so a burst of costly bodies gets 503s, not unbounded memory.
     */
    @Bean(destroyMethod = "dispose")
    Scheduler wafInspectionScheduler(WafProperties properties) {
        return Schedulers.newBoundedElastic(
                properties.inspectionThreads(), properties.inspectionQueue(), "waf-inspection");
    }

    /** The inspection both the filter in the route and the proxied fast path ahead of the pipeline use. */
    @Bean
    WafInspection wafInspection(
            WafPolicyStore store,
            WafLog wafLog,
            WafProperties properties,
            JsonMapper jsonMapper,
            ObjectProvider<Clock> clock,
            Scheduler wafInspectionScheduler) {
        return new WafInspection(
                store, wafLog, properties, jsonMapper, clock.getIfAvailable(Clock::systemUTC), wafInspectionScheduler);
    }

    @Bean
    WafFilter wafFilter(WafInspection wafInspection) {
        return new WafFilter(wafInspection);
    }
}
