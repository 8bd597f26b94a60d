package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import java.util.Set;

/**
 * Whether a visitor may use a form on a record, as Power Pages documents for forms with "Enable table permissions":
 * Insert needs create, Edit needs write (and read, to show the record), ReadOnly needs read, all granted by the
 * table permissions of the visitor's web roles ({@link SitePermissions}: Global scope on any row, Self scope on the
 * visitor's own contact row; Contact, Account and Parent scopes are not evaluated by the emulator and grant nothing).
 * A form without table permissions enabled ({@code adx_entitypermissionsenabled} false, the default "for backwards
 * compatibility" as the basic form docs say) is not checked.
 */
record FormAccess(SitePermissions.Access access, boolean checked, String contactId) {

    static FormAccess of(SiteSnapshot site, SiteUser user, FormSettings settings) {
        SitePermissions permissions = site.permissions();
        Set<String> roles = user == null ? permissions.anonymousRoleIds() : user.roleIds(permissions);
        return new FormAccess(
                permissions.access(roles, settings.table()),
                settings.permissionsEnabled(),
                user == null ? null : user.contactId());
    }

    boolean create() {
        return !checked || access.global().create();
    }

    boolean read(String recordId) {
        return !checked || access.global().read() || access.self().read() && own(recordId);
    }

    boolean write(String recordId) {
        return !checked || access.global().write() || access.self().write() && own(recordId);
    }

    /** May the visitor use the form in its mode on this record ({@code null}: a new one)? */
    boolean allows(int mode, String recordId) {
        return switch (mode) {
            case FormSettings.EDIT -> read(recordId) && write(recordId);
            case FormSettings.READ_ONLY -> read(recordId);
            default -> create();
        };
    }

    private boolean own(String recordId) {
        return contactId != null && contactId.equalsIgnoreCase(recordId);
    }
}
