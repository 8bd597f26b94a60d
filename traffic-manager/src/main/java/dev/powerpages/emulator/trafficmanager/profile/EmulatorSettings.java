package dev.powerpages.emulator.trafficmanager.profile;

/**
 * EMULATOR EXTENSION, not part of Azure's profile: {@code timeScale} divides every monitoring
 * duration of the profile (probe interval and timeout), so that a test or a workshop can watch
 * Azure's timeline play out faster. With {@code timeScale: 10} a 5 s interval becomes 500 ms and
 * a 3 s timeout 300 ms. The DNS TTL is not scaled. Default 1 (real time).
 */
public record EmulatorSettings(Double timeScale) {

    public EmulatorSettings {
        timeScale = timeScale == null ? 1.0 : timeScale;
    }
}
