package dev.powerpages.emulator.trafficmanager.arm.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Role assignments on the subscription, from configuration: a principal (its client id, {@code appid} in a v1
 * token, {@code azp} in a v2 one, or its object id, {@code oid}) holds one of Azure's built-in roles. Owner and
 * Contributor may read and change everything; Reader may only read ({@code *}/read), as the built-in roles of those
 * names allow ("Azure built-in roles", Azure RBAC docs). Contributor's exclusions (role assignments, blueprints)
 * concern nothing served here.
 */
public final class RoleAssignments {

    public enum Role {
        OWNER,
        CONTRIBUTOR,
        READER;

        boolean mayWrite() {
            return this != READER;
        }

        static Optional<Role> of(String name) {
            try {
                return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException ex) {
                return Optional.empty();
            }
        }
    }

    private final Map<String, Role> byPrincipal = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public RoleAssignments(Map<String, String> assignments) {
        assignments.forEach((principal, role) -> byPrincipal.put(
                principal,
                Role.of(role)
                        .orElseThrow(() -> new IllegalStateException("traffic-manager.arm.role-assignments." + principal
                                + ": '" + role + "' is not a role emulated here (Owner, Contributor or Reader)"))));
    }

    /** The role the token's principal holds on the subscription, if any. */
    public Optional<Role> roleOf(Jwt token) {
        for (String claim : new String[] {"appid", "azp", "oid", "sub"}) {
            String value = token.getClaimAsString(claim);
            if (value != null && byPrincipal.containsKey(value)) {
                return Optional.of(byPrincipal.get(value));
            }
        }
        return Optional.empty();
    }

    /** Whether the token's principal may perform a request with this method. */
    public boolean permits(Jwt token, String method) {
        boolean read = method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
        return roleOf(token).map(role -> read || role.mayWrite()).orElse(false);
    }

    /** The client id ARM names in errors: {@code appid} (v1 tokens) or {@code azp} (v2), else the subject. */
    public static String clientId(Jwt token) {
        String appId = token.getClaimAsString("appid");
        if (appId == null) {
            appId = token.getClaimAsString("azp");
        }
        return appId != null ? appId : token.getSubject();
    }

    /** The object id ARM names in errors. */
    public static String objectId(Jwt token) {
        String oid = token.getClaimAsString("oid");
        return oid != null ? oid : token.getSubject();
    }
}
