package dev.powerpages.emulator.store.schema;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A many-to-many relationship as Dataverse keeps it: an intersect table with one row per associated pair, and on
 * each side a collection-valued navigation property named after the relationship's schema name
 * ({@code adx_entitypermissions(<id>)/adx_entitypermission_webrole}). Rows are associated and disassociated with
 * {@code $ref} ("Associate and disassociate table rows using the Web API").
 *
 * @param name      the relationship's schema name, also the navigation property on both sides (may hold capitals,
 *                  as {@code adx_CloudFlowConsumer_adx_webrole} does)
 * @param intersect the intersect table ({@code <name>} in lower case, entity set {@code <name>set})
 * @param table1    entity 1: the side a site folder lists the relationship under
 * @param column1   the intersect column holding entity 1's id
 * @param table2    entity 2
 * @param column2   the intersect column holding entity 2's id
 * @param generated whether the store made the intersect table from this declaration; such tables are read-only
 *                  through the Web API, as Dataverse's intersect tables are (a declaration may instead name a
 *                  table of the schema, e.g. the older {@code adx_webrole_contact})
 * @param viewOf    for a relationship between two mspp_ views: the adx_ relationship it mirrors, whose
 *                  associations live in {@code powerpagecomponent_powerpagecomponent}; {@code null} otherwise
 */
public record ManyToManyDefinition(
        String name,
        TableDefinition intersect,
        String table1,
        String column1,
        String table2,
        String column2,
        boolean generated,
        String viewOf) {

    public boolean isSelfReferencing() {
        return table1.equals(table2);
    }

    public boolean involves(String table) {
        return table1.equals(table) || table2.equals(table);
    }

    /** The table across the relationship from {@code table}. */
    public String otherTable(String table) {
        return table1.equals(table) ? table2 : table1;
    }

    /** The intersect column holding {@code table}'s ids (entity 1's for a self-referencing relationship). */
    public String columnOf(String table) {
        return table1.equals(table) ? column1 : column2;
    }

    /** The intersect column holding the ids across from {@code table}. */
    public String otherColumn(String table) {
        return table1.equals(table) ? column2 : column1;
    }

    /**
     * The intersect row's id for a pair: derived from the pair, so that importing the same association twice (or
     * from two sides) yields one row and one id.
     */
    public UUID intersectId(UUID entity1, UUID entity2) {
        return UUID.nameUUIDFromBytes((name + ":" + entity1 + ":" + entity2).getBytes(StandardCharsets.UTF_8));
    }
}
