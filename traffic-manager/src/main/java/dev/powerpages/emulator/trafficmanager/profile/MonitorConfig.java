package dev.powerpages.emulator.trafficmanager.profile;

import java.util.List;

/**
 * ARM {@code monitorConfig}: how every endpoint of the profile is probed. Defaults are Azure's
 * ("Traffic Manager endpoint monitoring"): HTTP on port 80 (443 for HTTPS), every 30 s, a 10 s timeout
 * (9 s for the 10 s interval), 3 tolerated failures, 200 expected. The path has no default: Azure
 * requires it for HTTP(S) and refuses it for TCP ({@link ProfileValidator}); a profile declared without
 * any monitorConfig gets "/" (see {@link ProfileDefinition}).
 */
public record MonitorConfig(
        MonitorProtocol protocol,
        Integer port,
        String path,
        Integer intervalInSeconds,
        Integer timeoutInSeconds,
        Integer toleratedNumberOfFailures,
        List<StatusCodeRange> expectedStatusCodeRanges,
        List<CustomHeader> customHeaders) {

    public MonitorConfig {
        protocol = protocol == null ? MonitorProtocol.HTTP : protocol;
        port = port == null ? protocol.defaultPort() : port;
        intervalInSeconds = intervalInSeconds == null ? 30 : intervalInSeconds;
        // Azure: the timeout defaults to 10 s for the 30 s interval and 9 s for the 10 s one.
        timeoutInSeconds = timeoutInSeconds == null ? Math.min(10, intervalInSeconds - 1) : timeoutInSeconds;
        toleratedNumberOfFailures = toleratedNumberOfFailures == null ? 3 : toleratedNumberOfFailures;
        expectedStatusCodeRanges = expectedStatusCodeRanges == null || expectedStatusCodeRanges.isEmpty()
                ? List.of(new StatusCodeRange(200, 200))
                : List.copyOf(expectedStatusCodeRanges);
        customHeaders = customHeaders == null ? List.of() : List.copyOf(customHeaders);
    }

    public boolean expects(int statusCode) {
        return expectedStatusCodeRanges.stream().anyMatch(range -> range.contains(statusCode));
    }
}
