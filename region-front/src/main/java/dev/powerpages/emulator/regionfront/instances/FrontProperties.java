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
 */
@ConfigurationProperties("front")
public record FrontProperties(String region, List<URI> instances, Duration instanceTimeout, String adminKey) {

    public FrontProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
