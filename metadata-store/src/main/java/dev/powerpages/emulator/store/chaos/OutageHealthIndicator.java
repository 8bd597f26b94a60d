package dev.powerpages.emulator.store.chaos;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} says OUT_OF_SERVICE (HTTP 503) during an injected outage, so the dashboard and anyone
 * probing the store see it down; the {@code outage} component carries since when.
 */
@Component("outage")
class OutageHealthIndicator implements HealthIndicator {

    private final StoreOutage outage;

    OutageHealthIndicator(StoreOutage outage) {
        this.outage = outage;
    }

    @Override
    public Health health() {
        return outage.active()
                ? Health.outOfService().withDetails(outage.current()).build()
                : Health.up().build();
    }
}
