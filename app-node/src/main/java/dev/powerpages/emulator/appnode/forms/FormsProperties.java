package dev.powerpages.emulator.appnode.forms;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Forms and their submits.
 *
 * @param stateSecret HMAC key of a multistep form's progress carried in the page ({@link SignedState}); the same on
 *                    every node, so a step rendered by one region is accepted by the other after a failover
 */
@ConfigurationProperties("forms")
public record FormsProperties(String stateSecret) {}
