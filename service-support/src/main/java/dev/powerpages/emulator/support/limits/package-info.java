/**
 * Request limits shared by the app node and the traffic manager: {@link dev.powerpages.emulator.support.limits.RequestLimits}
 * ({@code limits.*}), the {@link dev.powerpages.emulator.support.limits.RequestLimitsFilter} that enforces them and
 * the {@link dev.powerpages.emulator.support.limits.JsonDepth} scan it uses.
 *
 * <p>Wired by each service with plain {@code @Bean}s rather than an auto-configuration here: what differs between
 * the services (the error shape, the paths that take JSON only, the filter's order among their other filters) is
 * exactly what a bean definition states, and an auto-configuration would only move it behind strategy beans that
 * each service must still provide.
 */
package dev.powerpages.emulator.support.limits;
