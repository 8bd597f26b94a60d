package dev.powerpages.emulator.appnode.site;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The site's web roles and table permissions ({@code adx_webrole}, {@code adx_entitypermission}), and what they grant
 * to a visitor. As Power Pages documents for table permissions: a visitor's grants are the union of the permissions
 * of all their web roles; anonymous visitors have the role(s) marked {@code adx_anonymoususersrole}; signed-in
 * contacts have the role(s) marked {@code adx_authenticatedusersrole} plus the roles they are assigned
 * ({@code adx_webrole_contact}), and not the anonymous role.
 *
 * <p>Scopes: Global (756150000) grants every row; Self (756150004) grants the signed-in contact's own
 * {@code contact} row. Contact, Account and Parent scopes (which follow a relationship to the user's contact or
 * account) are not evaluated by the emulator and grant nothing.
 */
public record SitePermissions(Map<String, WebRole> rolesById, List<Rule> rules) {

    public static final int GLOBAL_SCOPE = TablePermission.GLOBAL_SCOPE;
    public static final int SELF_SCOPE = 756150004;
    public static final SitePermissions NONE = new SitePermissions(Map.of(), List.of());

    /** A web role and the two flags Power Pages gives its built-in roles. */
    public record WebRole(String id, String name, boolean anonymousUsersRole, boolean authenticatedUsersRole) {}

    /** One table permission row: its role, table (logical name), scope and privileges. */
    public record Rule(String roleId, String table, int scope, TablePermission privileges) {}

    /**
     * What a visitor may do with a table: the privileges granted on every row ({@code global}) and those granted on
     * the visitor's own contact row only ({@code self}).
     */
    public record Access(TablePermission global, TablePermission self) {

        public static final Access NONE = new Access(TablePermission.NONE, TablePermission.NONE);

        public boolean canRead() {
            return global.read() || self.read();
        }

        /** Reads are limited to the visitor's own contact row: Self scope grants read, Global does not. */
        public boolean readLimitedToSelf() {
            return !global.read() && self.read();
        }
    }

    public Set<String> anonymousRoleIds() {
        Set<String> ids = new HashSet<>();
        rolesById.values().stream().filter(WebRole::anonymousUsersRole).forEach(role -> ids.add(role.id()));
        return ids;
    }

    /** The roles of a signed-in contact: the Authenticated Users role(s) and the assigned ones that exist. */
    public Set<String> signedInRoleIds(Collection<String> assignedRoleIds) {
        Set<String> ids = new HashSet<>();
        rolesById.values().stream().filter(WebRole::authenticatedUsersRole).forEach(role -> ids.add(role.id()));
        assignedRoleIds.stream().filter(rolesById::containsKey).forEach(ids::add);
        return ids;
    }

    public Access access(Set<String> roleIds, String logicalName) {
        String table = logicalName.toLowerCase(Locale.ROOT);
        TablePermission global = TablePermission.NONE;
        TablePermission self = TablePermission.NONE;
        for (Rule rule : rules) {
            if (!rule.table().equals(table) || !roleIds.contains(rule.roleId())) {
                continue;
            }
            if (rule.scope() == GLOBAL_SCOPE) {
                global = global.or(rule.privileges());
            } else if (rule.scope() == SELF_SCOPE && "contact".equals(table)) {
                self = self.or(rule.privileges());
            }
        }
        return new Access(global, self);
    }
}
