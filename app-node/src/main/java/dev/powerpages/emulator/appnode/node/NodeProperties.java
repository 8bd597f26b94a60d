package dev.powerpages.emulator.appnode.node;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who this node is: its region and name travel on every response as {@code X-PP-Region} / {@code X-PP-Node},
 * and the admin key guards {@code /_services/chaos}.
 */
@ConfigurationProperties("node")
public record NodeProperties(String region, String name, String adminKey) {
}
