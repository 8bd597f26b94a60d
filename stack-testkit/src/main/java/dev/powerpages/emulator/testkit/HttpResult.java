package dev.powerpages.emulator.testkit;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * What one HTTP request got: status, headers and the body as text.
 *
 * @param status the status code
 * @param headers the response headers (names case-insensitive)
 * @param body the body decoded as UTF-8 (empty when there was none)
 */
public record HttpResult(int status, HttpHeaders headers, String body) {

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The region of the app node that produced the response ({@code X-PP-Region}), if any. */
    public Optional<String> region() {
        return header("X-PP-Region");
    }

    /** The app node that produced the response ({@code X-PP-Node}), if any. */
    public Optional<String> node() {
        return header("X-PP-Node");
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "HTTP " + status + region().map(region -> " from " + region).orElse("")
                + (body.length() > 200 ? " " + body.substring(0, 200) + "…" : body.isEmpty() ? "" : " " + body);
    }
}
