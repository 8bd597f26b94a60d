package dev.powerpages.emulator.appnode.site;

/**
 * The privileges a table permission ({@code adx_entitypermission}) grants. Power Pages adds up the permissions of
 * all the visitor's web roles, so two grants combine with {@link #or}.
 */
public record TablePermission(boolean read, boolean create, boolean write, boolean delete) {

    /** {@code adx_scope} option value of the Global scope. */
    public static final int GLOBAL_SCOPE = 756150000;

    public static final TablePermission NONE = new TablePermission(false, false, false, false);

    public TablePermission or(TablePermission other) {
        return new TablePermission(
                read || other.read, create || other.create, write || other.write, delete || other.delete);
    }
}
