package dev.powerpages.emulator.gateway.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminKey the key {@code /_edge/admin/**} requires in {@code X-Admin-Key}; a well-known
 * development default, as Azurite's account key is
 */
@ConfigurationProperties("gateway")
public record AdminProperties(String adminKey) {}
