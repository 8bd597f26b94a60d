package dev.powerpages.emulator.store.chaos;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The store's fault injection ({@code /_services/chaos}, as on the app nodes).
 *
 * @param adminKey required in {@code X-Admin-Key} to read or change the faults (the emulator's well-known
 * {@code emulator-admin-key} by default)
 * @param retryAfter what the store tells callers in {@code Retry-After} during an outage
 */
@ConfigurationProperties("store.chaos")
public record StoreChaosProperties(String adminKey, Duration retryAfter) {}
