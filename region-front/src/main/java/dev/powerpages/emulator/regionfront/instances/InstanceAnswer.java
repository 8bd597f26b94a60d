package dev.powerpages.emulator.regionfront.instances;

import org.springframework.http.MediaType;

/**
 * One instance's answer to a request the front sent every instance; {@code status} 0 when the instance could not be
 * reached (then {@code failure} says why).
 */
public record InstanceAnswer(
        String instance, String url, int status, MediaType contentType, byte[] body, String failure) {

    public boolean reached() {
        return status > 0;
    }

    static InstanceAnswer unreachable(String instance, String url, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new InstanceAnswer(instance, url, 0, null, new byte[0], why);
    }
}
