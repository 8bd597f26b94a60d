package dev.powerpages.emulator.store.chaos;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * During an injected outage the Web API ({@code /api/...}) and the token endpoint ({@code /{tenant}/oauth2/...})
 * answer 503 with {@code Retry-After}, before authentication runs (an environment that is down checks no tokens).
 * The Web API's body has Dataverse's error shape with its generic "unexpected error" code 0x80040216 (Dataverse
 * documents no code of its own for an unavailable environment); the token endpoint's has Microsoft Entra ID's
 * error shape with OAuth's {@code temporarily_unavailable} (RFC 6749 §4.1.2.1) and AADSTS90033 ("A transient error
 * has occurred"), so OAuth clients read it as a transient failure and retry. Health and the chaos endpoint stay up.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OutageFilter extends OncePerRequestFilter {

    static final String WEB_API_CODE = "0x80040216";
    static final int AADSTS_TRANSIENT = 90033;

    private final StoreOutage outage;
    private final StoreChaosProperties properties;
    private final ObjectMapper mapper;

    OutageFilter(StoreOutage outage, StoreChaosProperties properties, ObjectMapper mapper) {
        this.outage = outage;
        this.properties = properties;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!outage.active()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            answer(
                    response,
                    ErrorEnvelope.of(
                            WEB_API_CODE,
                            "The environment is unavailable (an outage injected through /_services/chaos). Retry after "
                                    + retryAfterSeconds() + " seconds."));
        } else if (path.contains("/oauth2/")) {
            answer(response, entraError());
        } else {
            chain.doFilter(request, response);
        }
    }

    private void answer(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), body);
    }

    private Map<String, Object> entraError() {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp =
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("T", " ");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "temporarily_unavailable");
        body.put(
                "error_description",
                "AADSTS" + AADSTS_TRANSIENT + ": A transient error has occurred. Please try again." + " Trace ID: "
                        + traceId + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
        body.put("error_codes", List.of(AADSTS_TRANSIENT));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        return body;
    }

    private long retryAfterSeconds() {
        return Math.max(1, properties.retryAfter().toSeconds());
    }
}
