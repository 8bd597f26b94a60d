package dev.powerpages.emulator.appnode.signin;

import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreRow;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * A signed-in visitor: a {@code contact} row and the web roles assigned to it ({@code adx_webrole_contact}).
 * The Authenticated Users role is not in {@link #assignedRoleIds()}; {@link #roleIds(SitePermissions)} adds it.
 */
public record SiteUser(
        String contactId,
        String username,
        String firstName,
        String lastName,
        String fullName,
        String email,
        List<String> assignedRoleIds,
        StoreRow contact) {

    /** A contact known by its main fields only. */
    public SiteUser(
            String contactId,
            String username,
            String firstName,
            String lastName,
            String fullName,
            String email,
            List<String> assignedRoleIds) {
        this(contactId, username, firstName, lastName, fullName, email, assignedRoleIds, null);
    }

    /** The request attribute {@link SignInFilter} sets for a signed-in visitor. */
    public static final String REQUEST_ATTRIBUTE = SiteUser.class.getName();

    /** Never shown, never returned. */
    static final String PASSWORD_HASH = "adx_identity_passwordhash";

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
     * Power Pages' Liquid {@code user} object (a contact, "allowing access to all attributes of the underlying
     * Dataverse contact record"): every column of the contact row but the password hash, and {@code id},
     * {@code contactid}, {@code fullname}, {@code firstname}, {@code lastname}, {@code emailaddress1}, {@code email},
     * {@code username} and {@code roles} (web role names, for {@code user.roles contains 'Administrators'}). Text
     * values are HTML-encoded, as Power Pages encodes the {@code user} object since 9.3.8. Names match without
     * regard to case.
     */
    public Map<String, Object> liquid(SiteSnapshot site) {
        Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (contact != null) {
            for (Map.Entry<String, JsonNode> column : contact.json().properties()) {
                String name = column.getKey();
                JsonNode value = column.getValue();
                if (name.startsWith("@")
                        || name.contains("@")
                        || name.equalsIgnoreCase(PASSWORD_HASH)
                        || value == null
                        || value.isNull()) {
                    continue;
                }
                if (name.startsWith("_") && name.endsWith("_value")) {
                    values.put(name.substring(1, name.length() - "_value".length()), Map.of("id", value.asString()));
                }
                values.put(
                        name,
                        value.isBoolean()
                                ? (Object) value.asBoolean()
                                : value.isNumber()
                                        ? (Object) value.numberValue()
                                        : encode(value.isString() ? value.asString() : value.toString()));
            }
        }
        values.put("id", contactId);
        values.put("contactid", contactId);
        values.put(
                "fullname",
                encode(
                        fullName != null
                                ? fullName
                                : String.join(" ", nonNull(firstName), nonNull(lastName))
                                        .strip()));
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
