package dev.powerpages.emulator.appnode.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The sign-in session as a signed cookie: {@code base64url(contactId|expiry)} and an HMAC-SHA256 of it. Stateless,
 * like Power Pages' ASP.NET authentication ticket, so every node that shares the secret accepts it — a signed-in
 * visitor keeps their session when the traffic manager fails over to the paired region.
 */
@Component
class SessionCookie {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SignInProperties properties;
    private final Clock clock;

    @Autowired
    SessionCookie(SignInProperties properties) {
        this(properties, Clock.systemUTC());
    }

    SessionCookie(SignInProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    String issue(String contactId) {
        long expires = Instant.now(clock).plus(properties.sessionLifetime()).getEpochSecond();
        String payload = ENCODER.encodeToString((contactId + "|" + expires).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The contact id of a genuine, unexpired cookie value. */
    Optional<String> contactId(String value) {
        if (value == null || value.length() > 512) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, dot);
        try {
            byte[] signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2
                    || !GUID.matcher(parts[0]).matches()
                    || Long.parseLong(parts[1]) < Instant.now(clock).getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(parts[0]);
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    long maxAgeSeconds() {
        return properties.sessionLifetime().toSeconds();
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.cookieSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
