package dev.powerpages.emulator.regionfront.instances;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The region this front stands for and its app-node instances.
 *
 * @param region           the region's name ({@code northeurope}), used in the front's own answers
 * @param instances        the instances' base URLs, in order: the n-th is {@code <region>-<n>}
 * @param instanceTimeout  how long the front waits for one instance when it asks every instance (health, chaos)
 * @param adminKey         the key ({@code X-Admin-Key}) the front's own admin endpoint ({@code /_services/scale}) asks for
 * @param discovery        where the instances come from: the list above ({@code static}) or a DNS name ({@code dns})
 */
@ConfigurationProperties("front")
public record FrontProperties(
        String region, List<URI> instances, Duration instanceTimeout, String adminKey, Discovery discovery) {

    public FrontProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
        discovery = discovery == null ? new Discovery(null, null, 0, null) : discovery;
    }

    /**
     * How the front finds the region's instances. {@code static}: {@code front.instances}, as ./stack gives them.
     * {@code dns}: every address {@code name} resolves to, on {@code port}, resolved again every {@code interval}; under
     * docker compose the service's name, which Docker's embedded DNS answers with the address of every running replica
     * ({@code docker-compose up --scale app-node-northeurope=2}).
     *
     * @param mode     {@link Mode#STATIC} (default) or {@link Mode#DNS}; bound case-insensitively, so {@code dns} in
     *                 application.yml or FRONT_DISCOVERY_MODE, and any other word is refused at start with the valid values
     * @param name     the DNS name to resolve ({@code app-node-northeurope})
     * @param port     the port every instance listens on
     * @param interval how often the name is resolved again
     */
    public record Discovery(Mode mode, String name, int port, Duration interval) {

        public Discovery {
            mode = mode == null ? Mode.STATIC : mode;
            interval = interval == null ? Duration.ofSeconds(2) : interval;
            if (mode == Mode.DNS && (name == null || name.isBlank() || port <= 0)) {
                throw new IllegalArgumentException(
                        "front.discovery.mode=dns needs front.discovery.name and"
                                + " front.discovery.port (FRONT_DISCOVERY_NAME=app-node-northeurope, FRONT_DISCOVERY_PORT=8081)");
            }
        }

        public boolean dns() {
            return mode == Mode.DNS;
        }
    }

    /** Where the instances come from: the configured list, or a DNS name answered with every replica's address. */
    public enum Mode {
        STATIC,
        DNS
    }
}
