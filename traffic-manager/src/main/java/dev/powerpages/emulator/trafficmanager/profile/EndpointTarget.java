package dev.powerpages.emulator.trafficmanager.profile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An endpoint target split into host and optional port. The port is the emulator extension
 * described on {@link EndpointDefinition}: Azure targets are bare host names.
 */
record EndpointTarget(String host, Integer port) {

    // host, host:port, [ipv6] or [ipv6]:port
    private static final Pattern TARGET = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]/\\s]+)(?::(\\d{1,5}))?$");

    static EndpointTarget parse(String target) {
        Matcher matcher = TARGET.matcher(target == null ? "" : target.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("target '" + target + "' is not a host name or host:port");
        }
        Integer port = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("target '" + target + "' has a port outside 1-65535");
        }
        return new EndpointTarget(matcher.group(1), port);
    }

    /** host:port for the probe: the target's own port if it has one, else monitorConfig.port. */
    String probeAuthority(int monitorPort) {
        return host + ":" + (port == null ? monitorPort : port);
    }
}
