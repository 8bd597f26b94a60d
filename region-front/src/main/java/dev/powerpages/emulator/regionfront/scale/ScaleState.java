package dev.powerpages.emulator.regionfront.scale;

import java.util.List;

/**
 * The region's scale as {@code GET /_services/scale} shows it.
 *
 * @param instances    the instances in rotation and starting (what the capacity is counted for)
 * @param pool         each instance: in rotation, starting or draining, who started it, its in-flight requests
 * @param decisions    the most recent decisions, newest first
 * @param cannotLaunch why the front cannot start instances here (compose), or null
 */
public record ScaleState(
        String region,
        boolean enabled,
        double capacity,
        int min,
        int max,
        String scaleOutWindow,
        String scaleInWindow,
        String coolDown,
        double requestsPerSecond,
        int instances,
        List<Instance> pool,
        List<Decision> decisions,
        String cannotLaunch) {

    public record Instance(String name, String url, String state, String startedBy, String process, int inFlight) {}

    public record Decision(String time, String direction, int from, int to, String reason) {}
}
