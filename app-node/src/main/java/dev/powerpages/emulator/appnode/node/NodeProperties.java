package dev.powerpages.emulator.appnode.node;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who this node is: its region and name travel on every response as {@code X-PP-Region} / {@code X-PP-Node}. The
 * node's admin key ({@code node.admin-key} in application.yml) feeds the starter's {@code stack.admin.key}.
 *
 * @param primaryRegion the region of the environment's Dataverse; Power Pages keeps the primary site next to it
 * @param crossRegionLatency simulated round-trip cost added to every store call of a node outside the primary region
 */
@ConfigurationProperties("node")
public record NodeProperties(String region, String name, String primaryRegion, Duration crossRegionLatency) {

    public boolean inPrimaryRegion() {
        return primaryRegion == null || primaryRegion.isBlank() || primaryRegion.equalsIgnoreCase(region);
    }
}
