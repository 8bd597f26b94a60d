package dev.powerpages.emulator.trafficmanager.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a profile against the ranges Azure documents for {@code Microsoft.Network/trafficManagerProfiles}
 * ("Traffic Manager endpoint monitoring" and the ARM reference, API 2022-04-01), so that the emulator
 * refuses what Azure refuses:
 * <ul>
 * <li>intervalInSeconds 10 (fast probing) or 30; timeoutInSeconds 5-10 for the 30 s interval and 5-9
 * for the 10 s one; toleratedNumberOfFailures 0-9;</li>
 * <li>protocol HTTP, HTTPS or TCP; the path is required for HTTP(S) and an error for TCP;</li>
 * <li>at most 8 expectedStatusCodeRanges and 8 customHeaders;</li>
 * <li>dnsConfig.ttl 0-2147483647; relativeName a DNS label;</li>
 * <li>endpoint priority 1-1000 and unique within the profile.</li>
 * </ul>
 * The emulator extension {@code emulator.fastProbing} lifts the interval/timeout rule: any interval of
 * at least 1 s, a timeout of at least 1 s and no longer than the interval. Azure keeps the timeout below the
 * interval; whole seconds make that impossible at a 1 s interval, which is what a failover test wants to
 * compare with HAProxy's {@code inter 1s}, so the fast rule lets the two be equal (a probe still waiting
 * when the next is due makes the agent skip that one: ProbeScheduler).
 */
public final class ProfileValidator {

    static final int MAX_STATUS_CODE_RANGES = 8;
    static final int MAX_CUSTOM_HEADERS = 8;
    private static final Pattern DNS_LABEL = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");

    private ProfileValidator() {}

    /** Every problem found, each naming the ARM property; empty when the profile is valid. */
    public static List<String> problems(ProfileDefinition definition) {
        List<String> problems = new ArrayList<>();
        if (definition.trafficRoutingMethod() != TrafficRoutingMethod.PRIORITY) {
            problems.add("trafficRoutingMethod " + definition.trafficRoutingMethod()
                    + " is not emulated (only Priority is)");
        }
        DnsConfig dns = definition.dnsConfig();
        if (dns.relativeName() == null || !DNS_LABEL.matcher(dns.relativeName()).matches()) {
            problems.add("dnsConfig.relativeName '" + dns.relativeName()
                    + "' must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen");
        }
        if (dns.ttl() < 0) {
            problems.add("dnsConfig.ttl must be 0-2147483647");
        }
        monitorProblems(definition.monitorConfig(), definition.emulator(), problems);
        endpointProblems(definition.endpoints(), problems);
        return problems;
    }

    private static void monitorProblems(MonitorConfig monitor, EmulatorSettings emulator, List<String> problems) {
        if (monitor.port() < 1 || monitor.port() > 65535) {
            problems.add("monitorConfig.port must be 1-65535");
        }
        if (monitor.protocol() == MonitorProtocol.TCP) {
            if (monitor.path() != null) {
                problems.add("monitorConfig.path must not be set when monitorConfig.protocol is TCP");
            }
        } else if (monitor.path() == null || monitor.path().isBlank()) {
            problems.add("monitorConfig.path is required when monitorConfig.protocol is " + monitor.protocol());
        } else if (!monitor.path().startsWith("/")) {
            problems.add("monitorConfig.path must start with /");
        }
        int interval = monitor.intervalInSeconds();
        int timeout = monitor.timeoutInSeconds();
        if (emulator.fastProbing()) {
            if (interval < 1 || timeout < 1 || timeout > interval) {
                problems.add("with emulator.fastProbing, monitorConfig.timeoutInSeconds must be at least 1 and "
                        + "at most intervalInSeconds");
            }
        } else if (interval != 10 && interval != 30) {
            problems.add("monitorConfig.intervalInSeconds must be 10 or 30 (emulator.fastProbing: true allows "
                    + "other intervals)");
        } else if (timeout < 5 || timeout > (interval == 30 ? 10 : 9)) {
            problems.add("monitorConfig.timeoutInSeconds must be 5-" + (interval == 30 ? 10 : 9) + " for a " + interval
                    + " s interval");
        }
        if (monitor.toleratedNumberOfFailures() < 0 || monitor.toleratedNumberOfFailures() > 9) {
            problems.add("monitorConfig.toleratedNumberOfFailures must be 0-9");
        }
        if (monitor.expectedStatusCodeRanges().size() > MAX_STATUS_CODE_RANGES) {
            problems.add(
                    "monitorConfig.expectedStatusCodeRanges can have at most " + MAX_STATUS_CODE_RANGES + " ranges");
        }
        monitor.expectedStatusCodeRanges().stream()
                .filter(range -> range.min() < 100 || range.max() > 999 || range.min() > range.max())
                .forEach(range -> problems.add(
                        "monitorConfig.expectedStatusCodeRanges " + range + " is not a range of HTTP status codes"));
        if (monitor.customHeaders().size() > MAX_CUSTOM_HEADERS) {
            problems.add("monitorConfig.customHeaders can have at most " + MAX_CUSTOM_HEADERS + " headers");
        }
        monitor.customHeaders().stream()
                .filter(header -> header.name() == null || header.name().isBlank() || header.value() == null)
                .forEach(header -> problems.add("monitorConfig.customHeaders need a name and a value"));
        if (!(emulator.timeScale() > 0)) {
            problems.add("emulator.timeScale must be greater than 0");
        }
    }

    private static void endpointProblems(List<EndpointDefinition> endpoints, List<String> problems) {
        Set<String> names = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        for (EndpointDefinition endpoint : endpoints) {
            String label = "endpoint " + endpoint.name();
            if (endpoint.name() == null || endpoint.name().isBlank()) {
                problems.add("every endpoint needs a name");
            } else if (!names.add(endpoint.name().toLowerCase())) {
                problems.add("endpoint names must be unique: " + endpoint.name());
            }
            if (!EndpointDefinition.EXTERNAL_ENDPOINTS.equals(endpoint.type())) {
                problems.add(label + ": type " + endpoint.type() + " is not emulated (only externalEndpoints is)");
            }
            try {
                EndpointTarget.parse(endpoint.target());
            } catch (IllegalArgumentException ex) {
                problems.add(label + ": " + ex.getMessage());
            }
            if (endpoint.priority() == null || endpoint.priority() < 1 || endpoint.priority() > 1000) {
                problems.add(label + ": priority must be 1-1000");
            } else if (!priorities.add(endpoint.priority())) {
                problems.add(label + ": priority " + endpoint.priority() + " is used by another endpoint");
            }
        }
    }
}
