package dev.powerpages.emulator.support.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * The one admin-key check of the whole stack: every service's servlet and reactive filter chain
 * ({@link AdminKeyServletAutoConfiguration}, {@link AdminKeyReactiveAutoConfiguration}) authenticates with it. A
 * hand-written {@link AuthenticationManager} because the check is a comparison with one configured secret, which no
 * Spring Security provider makes (they look users up, or verify tokens).
 */
public final class AdminKeyAuthenticationManager implements AuthenticationManager {

    private final byte[] adminKey;

    public AdminKeyAuthenticationManager(String adminKey) {
        this.adminKey = Objects.requireNonNull(adminKey, "adminKey").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the granted admin authentication; {@code null} for any other kind of authentication (not this
     *     manager's to decide)
     * @throws BadCredentialsException when the presented key is not the admin key
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication instanceof AdminKeyAuthentication)
                || !(authentication.getCredentials() instanceof String presented)) {
            return null;
        }
        // Constant-time comparison: the answer's timing must tell nothing about the key.
        if (!MessageDigest.isEqual(adminKey, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new BadCredentialsException("The admin key header does not hold the admin key.");
        }
        return AdminKeyAuthentication.granted();
    }
}
