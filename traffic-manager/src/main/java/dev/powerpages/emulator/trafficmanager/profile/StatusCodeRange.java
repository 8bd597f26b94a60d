package dev.powerpages.emulator.trafficmanager.profile;

/** ARM {@code expectedStatusCodeRanges} item: probe answers with a status in [min, max] count as success. */
public record StatusCodeRange(int min, int max) {

    public boolean contains(int statusCode) {
        return statusCode >= min && statusCode <= max;
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
