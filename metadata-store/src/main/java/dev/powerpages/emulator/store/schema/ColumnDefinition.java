package dev.powerpages.emulator.store.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param options    for choice columns: each option's value and label, in display order (empty when the schema
 *                   names none); the labels are what the {@code stringmap} table serves
 */
public record ColumnDefinition(
        String name,
        ColumnType type,
        String target,
        String navigation,
        boolean system,
        String relationship,
        Map<Integer, String> options) {

    public ColumnDefinition {
        options = options == null || options.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public ColumnDefinition(
            String name, ColumnType type, String target, String navigation, boolean system, String relationship) {
        this(name, type, target, navigation, system, relationship, Map.of());
    }

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
