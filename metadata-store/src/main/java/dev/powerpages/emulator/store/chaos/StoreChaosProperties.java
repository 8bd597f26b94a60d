package dev.powerpages.emulator.store.chaos;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The store's fault injection ({@code /_services/chaos}, as on the app nodes).
 *
 * <p>{@code store.chaos.admin-key} (application.yml) is the store's admin key, read by the starter as
 * {@code stack.admin.key}.
 *
 * @param retryAfter what the store tells callers in {@code Retry-After} during an outage
 */
@ConfigurationProperties("store.chaos")
public record StoreChaosProperties(Duration retryAfter) {}
