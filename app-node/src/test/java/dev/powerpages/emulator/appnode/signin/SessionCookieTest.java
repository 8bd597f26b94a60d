package dev.powerpages.emulator.appnode.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The signed, stateless session cookie: accepted by any node with the same secret, until it expires. */
class SessionCookieTest {

    private static final String CONTACT = "21000000-0000-4000-8000-000000000001";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void anotherNodeWithTheSameSecretAcceptsTheCookieUntilItExpires() {
        String cookie = cookies("secret", NOW).issue(CONTACT);

        assertThat(cookies("secret", NOW.plus(Duration.ofHours(23))).contactId(cookie))
                .hasValue(CONTACT);
        assertThat(cookies("secret", NOW.plus(Duration.ofHours(25))).contactId(cookie))
                .isEmpty();
    }

    @Test
    void aCookieSignedWithAnotherSecretOrAlteredIsRejected() {
        String cookie = cookies("secret", NOW).issue(CONTACT);

        assertThat(cookies("other", NOW).contactId(cookie)).isEmpty();
        String payload = cookie.substring(0, cookie.indexOf('.'));
        String otherPayload = cookies("secret", NOW).issue("21000000-0000-4000-8000-000000000002");
        assertThat(cookies("secret", NOW)
                        .contactId(otherPayload.substring(0, otherPayload.indexOf('.'))
                                + cookie.substring(cookie.indexOf('.'))))
                .isEmpty();
        assertThat(cookies("secret", NOW).contactId(payload)).isEmpty();
        assertThat(cookies("secret", NOW).contactId("..")).isEmpty();
        assertThat(cookies("secret", NOW).contactId("%%%.###")).isEmpty();
    }

    private static SessionCookie cookies(String secret, Instant now) {
        return new SessionCookie(
                new SignInProperties(".AspNet.ApplicationCookie", secret, Duration.ofHours(24), Duration.ofSeconds(30)),
                Clock.fixed(now, ZoneOffset.UTC));
    }
}
