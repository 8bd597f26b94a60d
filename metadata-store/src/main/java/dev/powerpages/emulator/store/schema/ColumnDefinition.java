package dev.powerpages.emulator.store.schema;

/**
 * One column (attribute) of a table.
 *
 * @param name       Dataverse logical name, also the H2 column name
 * @param type       attribute type
 * @param target     for lookups: logical name of the referenced table
 * @param navigation for lookups: the single-valued navigation property used in {@code @odata.bind}
 *                   (Dataverse names it after the lookup, or {@code <lookup>_<table>} for customer
 *                   and regarding lookups such as {@code parentcustomerid_account})
 * @param system     maintained by the store (createdon, modifiedon, versionnumber): read-only to clients
 * @param relationship for lookups: the one-to-many relationship's schema name, which Dataverse also uses as
 *                   the collection-valued navigation property on the target table (e.g. {@code contact_customer_accounts})
 */
public record ColumnDefinition(
        String name, ColumnType type, String target, String navigation, boolean system, String relationship) {

    public ColumnDefinition(String name, ColumnType type, String target, String navigation, boolean system) {
        this(name, type, target, navigation, system, null);
    }

    public boolean isLookup() {
        return type == ColumnType.LOOKUP;
    }

    /** The property name clients read: {@code _<name>_value} for lookups, the logical name otherwise. */
    public String propertyName() {
        return isLookup() ? "_" + name + "_value" : name;
    }
}
