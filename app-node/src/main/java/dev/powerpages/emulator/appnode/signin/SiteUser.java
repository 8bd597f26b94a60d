package dev.powerpages.emulator.appnode.signin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;

import org.springframework.web.util.HtmlUtils;

/**
 * A signed-in visitor: a {@code contact} row and the web roles assigned to it ({@code adx_webrole_contact}).
 * The Authenticated Users role is not in {@link #assignedRoleIds()}; {@link #roleIds(SitePermissions)} adds it.
 */
public record SiteUser(String contactId, String username, String firstName, String lastName, String fullName,
        String email, List<String> assignedRoleIds) {

    /** The request attribute {@link SignInFilter} sets for a signed-in visitor. */
    public static final String REQUEST_ATTRIBUTE = SiteUser.class.getName();

    public static Optional<SiteUser> current(HttpServletRequest request) {
        return Optional.ofNullable((SiteUser) request.getAttribute(REQUEST_ATTRIBUTE));
    }

    /** The key business data is cached under: per contact ({@code anonymous} is shared by every anonymous visitor). */
    public String cacheKey() {
        return "contact:" + contactId;
    }

    public Set<String> roleIds(SitePermissions permissions) {
        return permissions.signedInRoleIds(assignedRoleIds);
    }

    /**
     * Power Pages' Liquid {@code user} object (a contact): {@code id}, {@code contactid}, {@code fullname},
     * {@code firstname}, {@code lastname}, {@code emailaddress1}, {@code email}, {@code username} and {@code roles}
     * (web role names, for {@code user.roles contains 'Administrators'}). Values are HTML-encoded, as Power Pages
     * encodes the {@code user} object since 9.3.8.
     */
    public Map<String, Object> liquid(SiteSnapshot site) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", contactId);
        values.put("contactid", contactId);
        values.put("fullname", encode(fullName != null ? fullName : String.join(" ", nonNull(firstName), nonNull(lastName)).strip()));
        values.put("firstname", encode(firstName));
        values.put("lastname", encode(lastName));
        values.put("emailaddress1", encode(email));
        values.put("email", encode(email));
        values.put("username", encode(username));
        values.put("adx_identity_username", encode(username));
        List<String> roles = new ArrayList<>();
        for (String roleId : roleIds(site.permissions())) {
            SitePermissions.WebRole role = site.permissions().rolesById().get(roleId);
            if (role != null && role.name() != null) {
                roles.add(encode(role.name()));
            }
        }
        roles.sort(String::compareTo);
        values.put("roles", roles);
        return values;
    }

    private static String encode(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
