package dev.powerpages.emulator.gateway.edge;

import org.springframework.http.HttpHeaders;

/**
 * Headers on every response the edge writes itself (its errors, the WAF's block page, the admin
 * and health endpoints, actuator): {@code X-Content-Type-Options: nosniff}, so that a browser
 * never reinterprets a JSON error or a block page quoting request data as script or HTML.
 * Responses of the app nodes are passed through as they are, with the headers the site sets.
 */
public final class EdgeHeaders {

    public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

    private EdgeHeaders() {}

    public static void addTo(HttpHeaders headers) {
        headers.set(CONTENT_TYPE_OPTIONS, "nosniff");
    }
}
