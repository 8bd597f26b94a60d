package dev.powerpages.emulator.regionfront.scale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The region's capacity and its autoscaler, as the front starts with them ({@code GET/PATCH /_services/scale}
 * changes them at run time). Modelled on Power Pages' capacity (docs/architecture.md, "Scale"): a region's instances
 * together can take {@code capacity × instances} requests per second; above that for {@code scaleOutWindow} the
 * autoscaler adds an instance, idle for {@code scaleInWindow} it removes one, within {@code min}/{@code max}, with
 * {@code coolDown} between two decisions (the rule of an App Service plan's autoscale setting).
 *
 * @param enabled        whether the autoscaler decides at all (off by default: the instances given stay as they are)
 * @param capacity       requests per second one instance is licensed to take
 * @param min            fewest instances (never fewer than the front was given at start)
 * @param max            most instances
 * @param scaleOutWindow how long the load must stay above capacity before an instance is added
 * @param scaleInWindow  how long the region must stay idle before an instance is removed
 * @param idleFraction   idle means at most this share of the capacity of one instance fewer
 * @param coolDown       no decision this soon after the last one
 * @param ratePeriod     the request rate is the average over this period (whole seconds)
 * @param evaluateEvery  how often the autoscaler measures and decides
 * @param drainTimeout   the longest a removed instance is given to finish its requests before it is stopped
 * @param launch         how the front starts an app-node instance (./stack hands it its own command)
 * @param events         where decisions are reported besides the log: the traffic manager's event list
 */
@ConfigurationProperties("front.scale")
public record ScaleProperties(
        boolean enabled,
        double capacity,
        int min,
        int max,
        Duration scaleOutWindow,
        Duration scaleInWindow,
        double idleFraction,
        Duration coolDown,
        Duration ratePeriod,
        Duration evaluateEvery,
        Duration drainTimeout,
        Launch launch,
        Events events) {

    /**
     * @param command      the command line that starts an app node ({@code java <options> -jar app-node.jar}), one
     *                     word an element (comma-separated in an environment variable)
     * @param environment  {@code NAME=value} pairs every started instance gets (the store's URL, the stack's CA);
     *                     the front adds SERVER_PORT, NODE_REGION and NODE_NAME
     * @param host         the host the front reaches its instances at
     * @param logDir       where a started instance's log goes ({@code app-node-<region>-<n>.log}); none: discarded
     * @param stateDir     ./stack's state folder: the front records each started instance's pid
     *                     ({@code pids/app-node-<region>-<n>.pid}) and port ({@code ports/…port}) there, for
     *                     {@code ./stack ps} and {@code ./stack down}
     * @param startTimeout how long a started instance has to become healthy before it is given up
     */
    public record Launch(
            List<String> command,
            List<String> environment,
            String host,
            Path logDir,
            Path stateDir,
            Duration startTimeout) {

        public Launch {
            command = command == null ? List.of() : List.copyOf(command);
            environment = environment == null ? List.of() : List.copyOf(environment);
        }

        public boolean configured() {
            return !command.isEmpty();
        }
    }

    /**
     * @param trafficManagerUrl the traffic manager ({@code http://localhost:8090}); none: decisions are only logged
     * @param profile           the profile whose event list takes them
     * @param endpoint          the profile's endpoint that stands for this region (default: the region's name)
     * @param adminKey          the traffic manager's admin key
     */
    public record Events(String trafficManagerUrl, String profile, String endpoint, String adminKey) {}
}
