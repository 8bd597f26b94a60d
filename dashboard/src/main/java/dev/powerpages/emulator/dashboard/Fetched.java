package dev.powerpages.emulator.dashboard;

/**
 * What one request to another service brought back.
 *
 * @param status the HTTP status, or 0 when no answer arrived
 * @param body the body (empty when none)
 * @param error why no answer arrived (null when one did)
 * @param latencyMs time to the answer or the failure
 */
record Fetched(int status, String body, String error, long latencyMs) {

    static Fetched failed(String error, long latencyMs) {
        return new Fetched(0, "", error, latencyMs);
    }

    boolean answered() {
        return error == null;
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** A short human description: "HTTP 503", "connection refused", ... */
    String describe() {
        return answered() ? "HTTP " + status : error;
    }
}
