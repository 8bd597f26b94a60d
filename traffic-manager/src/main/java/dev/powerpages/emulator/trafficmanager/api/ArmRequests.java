package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.profile.AlwaysServe;
import dev.powerpages.emulator.trafficmanager.profile.CustomHeader;
import dev.powerpages.emulator.trafficmanager.profile.DnsConfig;
import dev.powerpages.emulator.trafficmanager.profile.EmulatorSettings;
import dev.powerpages.emulator.trafficmanager.profile.EndpointDefinition;
import dev.powerpages.emulator.trafficmanager.profile.EndpointStatus;
import dev.powerpages.emulator.trafficmanager.profile.MonitorConfig;
import dev.powerpages.emulator.trafficmanager.profile.MonitorProtocol;
import dev.powerpages.emulator.trafficmanager.profile.ProfileDefinition;
import dev.powerpages.emulator.trafficmanager.profile.ProfileStatus;
import dev.powerpages.emulator.trafficmanager.profile.StatusCodeRange;
import dev.powerpages.emulator.trafficmanager.profile.TrafficRoutingMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * Request bodies of ARM's PUT (and, after a JSON merge patch onto the current resource, PATCH) of a profile
 * and of an endpoint. Enum values arrive as strings so that a wrong one is named in a BadRequest, compared
 * case-insensitively as ARM does; read-only properties (id, type, fqdn, profileMonitorStatus,
 * endpointMonitorStatus) are ignored, so the output of a GET can be sent back as it is.
 */
public final class ArmRequests {

    private ArmRequests() {}

    public record ProfileBody(String location, ProfileProps properties) {}

    public record ProfileProps(
            String profileStatus,
            String trafficRoutingMethod,
            DnsBody dnsConfig,
            MonitorBody monitorConfig,
            List<EndpointBody> endpoints,
            EmulatorSettings emulator) {}

    public record DnsBody(String relativeName, Integer ttl) {}

    public record MonitorBody(
            String protocol,
            Integer port,
            String path,
            Integer intervalInSeconds,
            Integer timeoutInSeconds,
            Integer toleratedNumberOfFailures,
            List<StatusCodeRange> expectedStatusCodeRanges,
            List<CustomHeader> customHeaders) {}

    public record EndpointBody(String name, String type, EndpointProps properties) {}

    public record EndpointProps(
            String target, String endpointStatus, Integer priority, String endpointLocation, String alwaysServe) {}

    /** The profile a PUT body describes, or a BadRequest naming every unknown enum value. */
    static ProfileDefinition profile(ProfileBody body) {
        List<String> problems = new ArrayList<>();
        ProfileProps props = body == null || body.properties() == null
                ? new ProfileProps(null, null, null, null, null, null)
                : body.properties();
        ProfileDefinition definition = new ProfileDefinition(
                parse(
                        props.trafficRoutingMethod(),
                        TrafficRoutingMethod::fromAzureName,
                        "trafficRoutingMethod",
                        problems),
                parse(props.profileStatus(), ProfileStatus::fromAzureName, "profileStatus", problems),
                props.dnsConfig() == null
                        ? null
                        : new DnsConfig(
                                props.dnsConfig().relativeName(),
                                props.dnsConfig().ttl()),
                monitor(props.monitorConfig(), problems),
                props.endpoints() == null
                        ? null
                        : props.endpoints().stream()
                                .map(endpoint -> endpoint(null, endpoint, problems))
                                .toList(),
                props.emulator());
        if (!problems.isEmpty()) {
            throw badRequest(problems);
        }
        return definition;
    }

    /** The endpoint a PUT body describes; {@code name} (from the URL) wins over the body's. */
    static EndpointDefinition endpoint(String name, EndpointBody body) {
        List<String> problems = new ArrayList<>();
        EndpointDefinition endpoint = endpoint(name, body, problems);
        if (!problems.isEmpty()) {
            throw badRequest(problems);
        }
        return endpoint;
    }

    private static EndpointDefinition endpoint(String name, EndpointBody body, List<String> problems) {
        EndpointProps props = body == null || body.properties() == null
                ? new EndpointProps(null, null, null, null, null)
                : body.properties();
        String type = body == null || body.type() == null
                ? null
                : endpointType(body.type().substring(body.type().lastIndexOf('/') + 1)); // full type or short one
        return new EndpointDefinition(
                name != null ? name : body == null ? null : body.name(),
                type,
                props.target(),
                parse(props.endpointStatus(), EndpointStatus::fromAzureName, "endpointStatus", problems),
                props.priority(),
                props.endpointLocation(),
                parse(props.alwaysServe(), AlwaysServe::fromAzureName, "alwaysServe", problems));
    }

    /**
     * ARM compares type names without regard to case (the Java SDK sends {@code ExternalEndpoints}, az
     * {@code externalEndpoints}): the canonical spelling of a known endpoint type, anything else as it came.
     */
    public static String endpointType(String type) {
        for (String known : ENDPOINT_TYPES) {
            if (known.equalsIgnoreCase(type)) {
                return known;
            }
        }
        return type;
    }

    /** Traffic Manager's three endpoint types, as the REST API spells them. */
    public static final List<String> ENDPOINT_TYPES =
            List.of("azureEndpoints", EndpointDefinition.EXTERNAL_ENDPOINTS, "nestedEndpoints");

    private static MonitorConfig monitor(MonitorBody body, List<String> problems) {
        if (body == null) {
            return null;
        }
        return new MonitorConfig(
                parse(body.protocol(), MonitorProtocol::fromAzureName, "monitorConfig.protocol", problems),
                body.port(),
                body.path(),
                body.intervalInSeconds(),
                body.timeoutInSeconds(),
                body.toleratedNumberOfFailures(),
                body.expectedStatusCodeRanges(),
                body.customHeaders());
    }

    private static <T> T parse(
            String value, Function<String, Optional<T>> parser, String property, List<String> problems) {
        return parse(
                value,
                parser,
                property,
                problems,
                switch (property) {
                    case "trafficRoutingMethod" -> "Priority (the only method emulated)";
                    case "monitorConfig.protocol" -> "HTTP, HTTPS or TCP";
                    default -> "Enabled or Disabled";
                });
    }

    private static <T> T parse(
            String value,
            Function<String, Optional<T>> parser,
            String property,
            List<String> problems,
            String allowed) {
        if (value == null) {
            return null;
        }
        Optional<T> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            problems.add(property + " must be " + allowed + ", not '" + value + "'");
        }
        return parsed.orElse(null);
    }

    static ArmException badRequest(List<String> problems) {
        return new ArmException(HttpStatus.BAD_REQUEST, "BadRequest", String.join("; ", problems) + ".");
    }
}
