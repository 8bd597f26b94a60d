package dev.powerpages.emulator.support.admin;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The admin key as Spring Security sees it: presented (the header's value, not yet checked) or granted (checked by
 * {@link AdminKeyAuthenticationManager}, with the {@link #ADMIN} authority and the key no longer held).
 */
public final class AdminKeyAuthentication extends AbstractAuthenticationToken {

    /** The authority the admin key grants, and the one the protected paths require. */
    public static final String ADMIN = "ADMIN";

    private final String presentedKey;

    private AdminKeyAuthentication(String presentedKey, List<GrantedAuthority> authorities) {
        super(authorities);
        this.presentedKey = presentedKey;
        setAuthenticated(!authorities.isEmpty());
    }

    /** The key a caller sent, to be checked. */
    public static AdminKeyAuthentication presented(String key) {
        return new AdminKeyAuthentication(key, List.of());
    }

    static AdminKeyAuthentication granted() {
        return new AdminKeyAuthentication(null, List.of(new SimpleGrantedAuthority(ADMIN)));
    }

    @Override
    public Object getCredentials() {
        return presentedKey;
    }

    @Override
    public Object getPrincipal() {
        return "admin";
    }
}
