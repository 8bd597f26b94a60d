package dev.powerpages.emulator.trafficmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the traffic manager shows and how its answers protect browsers: the actuator exposes health, info and
 * Prometheus metrics only; every answer carries nosniff, no-referrer, framing denied and a Content-Security-Policy
 * allowing the dashboard's own origin only; the dashboard page keeps to that policy (no inline script, style or event
 * handler), so it still works; nothing names the server software.
 */
class ExposureTest extends SecurityTestSupport {

    @Test
    void onlyHealthInfoAndMetricsAreExposedByTheActuator() {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
        for (String hidden : List.of(
                "/actuator/env",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/beans",
                "/actuator/loggers",
                "/actuator/threaddump",
                "/actuator/mappings",
                "/actuator/shutdown")) {
            assertThat(get(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void everyAnswerCarriesBrowserSecurityHeaders() {
        List<HttpResponse<String>> answers = List.of(
                get("/"),
                get("/dashboard/dashboard.js"),
                get("/dashboard/dashboard.css"),
                get("/api/dashboard"),
                get("/api/profiles/contoso"),
                get("/api/profiles/nosuch"),
                get("/no/such/path"),
                send("POST", "/api/dashboard/actions/fail-health", null, null),
                get("/actuator/health"),
                get("/api/profiles", "X-Big", "x".repeat(20_000)));
        for (HttpResponse<String> response : answers) {
            String what = response.request().uri().getPath() + " (" + response.statusCode() + ")";
            assertThat(response.headers().allValues("X-Content-Type-Options"))
                    .as(what)
                    .containsExactly("nosniff");
            assertThat(response.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
            assertThat(response.headers().allValues("Referrer-Policy")).as(what).containsExactly("no-referrer");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(what)
                    .hasValue(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("Server")).as(what).isEmpty();
            assertThat(response.body())
                    .as(what)
                    .doesNotContainIgnoringCase("apache tomcat")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void theDashboardPageKeepsToItsContentSecurityPolicy() {
        String page = get("/").body();
        String script = get("/dashboard/dashboard.js").body();

        assertThat(page).contains("<script src=\"/dashboard/dashboard.js\"></script>");
        // script-src 'self' without 'unsafe-inline': every script is a file of this origin, no inline handler.
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=\"/)", Pattern.CASE_INSENSITIVE)
                        .matcher(page)
                        .find())
                .isFalse();
        assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE)
                        .matcher(page)
                        .find())
                .isFalse();
        // style-src 'self': no style element or attribute; scripts, styles and images come from this origin (offline).
        assertThat(page).doesNotContain("<style", " style=");
        assertThat(Pattern.compile("(src|<link[^>]*href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE)
                        .matcher(page)
                        .find())
                .isFalse();
        assertThat(script).doesNotContain("eval(", "new Function(", "setAttribute('style'", "https://", "http://");
    }
}
