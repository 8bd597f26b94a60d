/**
 * The admin key ({@code X-Admin-Key}, {@code stack.admin.*}) as a Spring Security filter chain, servlet and reactive:
 * one check ({@link dev.powerpages.emulator.support.admin.AdminKeyAuthenticationManager}) for every service, and a
 * per-service hook for the answer without the key ({@link dev.powerpages.emulator.support.admin.AdminKeyRejection},
 * {@link dev.powerpages.emulator.support.admin.ReactiveAdminKeyRejection}).
 */
package dev.powerpages.emulator.support.admin;
