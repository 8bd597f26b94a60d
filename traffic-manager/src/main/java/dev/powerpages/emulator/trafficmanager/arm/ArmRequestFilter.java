package dev.powerpages.emulator.trafficmanager.arm;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the two doors apart and gives every answer of the resource-manager endpoint ARM's tracing headers.
 * <ul>
 * <li>On the ARM connector only ARM's paths are served; on the traffic manager's own port ARM's paths are not
 * (a 404 that says where they are).</li>
 * <li>{@code x-ms-request-id} (new per request), {@code x-ms-correlation-request-id} (the client's, echoed, or
 * new) and {@code x-ms-routing-request-id} on every answer, refusals included ("Common parameters and headers",
 * Azure REST API reference; Azure Resource Manager request tracing).</li>
 * </ul>
 * Runs before Spring Security's filters so that its 401s and 403s carry the headers too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ArmRequestFilter extends OncePerRequestFilter {

    /** The first segments of ARM's paths served here. */
    private static final Pattern ARM_PATH =
            Pattern.compile("^/(subscriptions|tenants|providers|metadata)(/.*)?$", Pattern.CASE_INSENSITIVE);

    /** A correlation id a client may send: a GUID, or at least nothing that could break a header. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private static final DateTimeFormatter ROUTING_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final ArmConnector connector;
    private final ArmErrorResponses errors;
    private final ArmProperties properties;

    ArmRequestFilter(ArmConnector connector, ArmErrorResponses errors, ArmProperties properties) {
        this.connector = connector;
        this.errors = errors;
        this.properties = properties;
    }

    static boolean isArmPath(String path) {
        return path != null
                && ARM_PATH.matcher(REPEATED_SLASHES.matcher(path).replaceAll("/"))
                        .matches();
    }

    /**
     * The request with runs of slashes in its path merged into one: the Azure SDK joins the endpoint
     * ({@code https://localhost:8060/}) and a resource id ({@code /subscriptions/…}) into {@code //subscriptions/…},
     * which Azure Resource Manager accepts.
     */
    private static HttpServletRequest mergedSlashes(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!uri.contains("//")) {
            return request;
        }
        String merged = REPEATED_SLASHES.matcher(uri).replaceAll("/");
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return merged;
            }

            @Override
            public StringBuffer getRequestURL() {
                return new StringBuffer(getScheme() + "://" + getServerName() + ":" + getServerPort() + merged);
            }

            @Override
            public String getServletPath() {
                return merged;
            }

            @Override
            public String getPathInfo() {
                return null;
            }
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean armPath = isArmPath(request.getRequestURI());
        if (!connector.servedHere(request)) {
            if (armPath) {
                errors.write(
                        response,
                        404,
                        "NotFound",
                        properties.enabled()
                                ? "Azure Resource Manager's paths are served on port " + connector.localPort()
                                        + " (the resource-manager endpoint), not on this one."
                                : "The resource-manager endpoint is off (traffic-manager.arm.port is -1).");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String requestId = UUID.randomUUID().toString();
        String correlation = request.getHeader("x-ms-correlation-request-id");
        if (correlation == null || !SAFE_ID.matcher(correlation).matches()) {
            correlation = UUID.randomUUID().toString();
        }
        response.setHeader("x-ms-request-id", requestId);
        response.setHeader("x-ms-correlation-request-id", correlation);
        response.setHeader(
                "x-ms-routing-request-id",
                properties.location().toUpperCase(Locale.ROOT) + ":"
                        + ROUTING_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + ":" + requestId);
        String clientRequestId = request.getHeader("x-ms-client-request-id");
        if (clientRequestId != null && SAFE_ID.matcher(clientRequestId).matches()) {
            response.setHeader("x-ms-client-request-id", clientRequestId);
        }
        if (!armPath) {
            errors.write(
                    response,
                    404,
                    "NotFound",
                    "The resource-manager endpoint serves Azure Resource Manager's "
                            + "paths only (/subscriptions/…, /tenants, /providers, /metadata/endpoints).");
            return;
        }
        chain.doFilter(mergedSlashes(request), response);
    }
}
