/**
 * Request limits shared by the app node and the traffic manager: {@link dev.powerpages.emulator.support.limits.RequestLimits}
 * ({@code limits.*}), the {@link dev.powerpages.emulator.support.limits.RequestLimitsFilter} that enforces them and
 * the {@link dev.powerpages.emulator.support.limits.JsonDepth} scan it uses. The starter registers the filter in a
 * service that declares its {@link dev.powerpages.emulator.support.limits.RequestLimitsAnswers} (what differs between
 * the services: the error shape and the paths that take JSON only).
 */
package dev.powerpages.emulator.support.limits;
