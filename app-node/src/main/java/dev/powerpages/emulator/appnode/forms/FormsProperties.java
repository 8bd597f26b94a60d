package dev.powerpages.emulator.appnode.forms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Forms and their submits.
 *
 * @param antiForgerySecret   HMAC key of the anti-forgery tokens and of a multistep form's progress; the same on every
 *                            node, so a form rendered by one region is accepted by the other after a failover
 * @param antiForgeryLifetime how long a rendered form may be submitted
 */
@ConfigurationProperties("forms")
public record FormsProperties(String antiForgerySecret, Duration antiForgeryLifetime) {
}
