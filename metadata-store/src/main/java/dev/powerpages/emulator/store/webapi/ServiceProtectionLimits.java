package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.StoreProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Dataverse's service protection API limit on the number of requests: per user, at most N requests
 * in a window (6,000 per 5 minutes by default); beyond it, 429 Too Many Requests with
 * {@code Retry-After} in seconds and error 0x80072322 ("Number of requests exceeded the limit...").
 * Dataverse counts in a sliding window per web server; the emulator counts in fixed windows per
 * application user, which gives the same answer to a client that honours Retry-After.
 */
class ServiceProtectionLimits implements HandlerInterceptor {

    private final StoreProperties.ServiceProtection limits;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ServiceProtectionLimits(StoreProperties.ServiceProtection limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    private record Window(long start, int count) {}

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!limits.enabled() || authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            return true;
        }
        long now = clock.millis();
        long length = limits.window().toMillis();
        Window window = windows.compute(
                String.valueOf(jwt.getClaimAsString("appid")),
                (user, current) -> current == null || now - current.start() >= length
                        ? new Window(now, 1)
                        : new Window(current.start(), current.count() + 1));
        if (window.count() <= limits.maxRequests()) {
            return true;
        }
        long retryAfter = Math.max(1, (window.start() + length - now + 999) / 1000);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        response.setContentType(ODataJson.MEDIA_TYPE.toString());
        response.getWriter()
                .write("{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests exceeded the limit of "
                        + limits.maxRequests() + " over time window of "
                        + limits.window().toSeconds() + " seconds.\"}}");
        return false;
    }
}
