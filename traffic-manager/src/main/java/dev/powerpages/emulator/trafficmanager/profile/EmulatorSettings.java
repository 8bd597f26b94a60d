package dev.powerpages.emulator.trafficmanager.profile;

/**
 * EMULATOR EXTENSIONS, not part of Azure's profile (shown as {@code properties.emulator} in the API):
 * <ul>
 * <li>{@code timeScale} divides every duration of the profile's timeline (probe interval, probe timeout
 * and the TTL the answers carry), so that Azure's timeline plays out faster with the same proportions:
 * with {@code timeScale: 10}, Azure's default 30 s interval becomes 3 s, the 10 s timeout 1 s and the
 * 60 s TTL 6 s. Default 1 (real time).</li>
 * <li>{@code fastProbing} lifts Azure's rule that the interval is 10 or 30 s (and the timeout 5-10 s),
 * so that a workshop profile can probe every few seconds; the timeout must still be shorter than the
 * interval. Default false (Azure's ranges apply).</li>
 * </ul>
 */
public record EmulatorSettings(Double timeScale, Boolean fastProbing) {

    public static final EmulatorSettings NONE = new EmulatorSettings(null, null);

    public EmulatorSettings {
        timeScale = timeScale == null ? 1.0 : timeScale;
        fastProbing = fastProbing != null && fastProbing;
    }
}
