package dev.powerpages.emulator.store.relationship;

import dev.powerpages.emulator.store.data.RowListener;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The associations of many-to-many relationships, kept as intersect rows ("Associate and disassociate table rows
 * using the Web API"): associate, disassociate, read the related ids of a page of rows, and drop a row's
 * associations when the row is deleted, as Dataverse does. Intersect rows are written through the row store, so they
 * carry row versions and leave tombstones like any row.
 * <p>
 * The mspp_ relationships of the enhanced data model have no associations of their own: associating an
 * {@code mspp_entitypermission} with an {@code mspp_webrole} associates the two components (see
 * {@link ViewRelationships}), which the views then show.
 */
@Component
public class Associations implements RowListener {

    private final RowStore rows;
    private final EnvironmentSchemas schemas;
    private final ObjectProvider<ViewRelationships> views;

    Associations(RowStore rows, EnvironmentSchemas schemas, ObjectProvider<ViewRelationships> views) {
        this.rows = rows;
        this.schemas = schemas;
        this.views = views;
        rows.addListener(this);
    }

    /** Associates {@code fromId} (a row of {@code from}) with {@code toId}; associating again changes nothing. */
    public void associate(ManyToManyDefinition relationship, TableDefinition from, UUID fromId, UUID toId) {
        boolean fromIsFirst = relationship.table1().equals(from.logicalName());
        UUID first = fromIsFirst ? fromId : toId;
        UUID second = fromIsFirst ? toId : fromId;
        if (relationship.viewOf() != null) {
            rows.inTransaction(() -> {
                views.getObject().associate(relationship, first, second);
                return null;
            });
            return;
        }
        associatePair(relationship, first, second);
    }

    /** Writes the intersect row of entity 1 {@code first} and entity 2 {@code second} unless it exists. */
    public void associatePair(ManyToManyDefinition relationship, UUID first, UUID second) {
        if (!pairRows(relationship, first, second).isEmpty()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(relationship.column1(), first);
        values.put(relationship.column2(), second);
        rows.inTransaction(
                () -> rows.insert(relationship.intersect(), relationship.intersectId(first, second), values));
    }

    /**
     * Removes the association, if any (a self-referencing relationship's pair in either order).
     *
     * @return whether there was one
     */
    public boolean disassociate(ManyToManyDefinition relationship, TableDefinition from, UUID fromId, UUID toId) {
        boolean fromIsFirst = relationship.table1().equals(from.logicalName());
        UUID first = fromIsFirst ? fromId : toId;
        UUID second = fromIsFirst ? toId : fromId;
        if (relationship.viewOf() != null) {
            return rows.inTransaction(() -> views.getObject().disassociate(relationship, first, second));
        }
        return disassociatePair(relationship, first, second);
    }

    public boolean disassociatePair(ManyToManyDefinition relationship, UUID first, UUID second) {
        List<UUID> found = pairRows(relationship, first, second);
        if (relationship.isSelfReferencing()) {
            found = new ArrayList<>(found);
            found.addAll(pairRows(relationship, second, first));
        }
        List<UUID> intersectIds = found;
        return rows.inTransaction(() -> {
            boolean any = false;
            for (UUID id : intersectIds) {
                any |= rows.delete(relationship.intersect(), id);
            }
            return any;
        });
    }

    /**
     * The rows across the relationship from each of {@code ids} (rows of {@code from}): one query for the page. A
     * self-referencing relationship relates rows in both directions.
     */
    public Map<UUID, List<UUID>> related(
            ManyToManyDefinition relationship, TableDefinition from, Collection<UUID> ids) {
        Map<UUID, List<UUID>> related = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return related;
        }
        collect(
                relationship,
                relationship.columnOf(from.logicalName()),
                relationship.otherColumn(from.logicalName()),
                ids,
                related);
        if (relationship.isSelfReferencing()) {
            collect(relationship, relationship.column2(), relationship.column1(), ids, related);
        }
        return related;
    }

    /**
     * The rows {@code id} (a row of {@code table}) is associated with, seen from its own side only (for a
     * self-referencing relationship: the pairs in which it is entity 1). A site folder lists them so.
     */
    public List<UUID> linked(ManyToManyDefinition relationship, TableDefinition table, UUID id) {
        Map<UUID, List<UUID>> related = new LinkedHashMap<>();
        collect(
                relationship,
                relationship.columnOf(table.logicalName()),
                relationship.otherColumn(table.logicalName()),
                List.of(id),
                related);
        return related.getOrDefault(id, List.of());
    }

    /** The pairs (entity 1 id, entity 2 id) of a relationship, for an export. */
    public List<UUID[]> pairs(ManyToManyDefinition relationship) {
        List<UUID[]> pairs = new ArrayList<>();
        for (Map<String, Object> row : rows.all(relationship.intersect())) {
            if (row.get(relationship.column1()) instanceof UUID first
                    && row.get(relationship.column2()) instanceof UUID second) {
                pairs.add(new UUID[] {first, second});
            }
        }
        return pairs;
    }

    private void collect(
            ManyToManyDefinition relationship,
            String own,
            String other,
            Collection<UUID> ids,
            Map<UUID, List<UUID>> related) {
        TableDefinition intersect = relationship.intersect();
        ColumnDefinition ownColumn = intersect.column(own).orElseThrow();
        for (Map<String, Object> row : rows.findByColumnIn(intersect, ownColumn, ids, List.of())) {
            if (row.get(own) instanceof UUID id && row.get(other) instanceof UUID otherId) {
                List<UUID> list = related.computeIfAbsent(id, k -> new ArrayList<>());
                if (!list.contains(otherId)) {
                    list.add(otherId);
                }
            }
        }
    }

    private List<UUID> pairRows(ManyToManyDefinition relationship, UUID first, UUID second) {
        TableDefinition intersect = relationship.intersect();
        Map<ColumnDefinition, Object> key = new LinkedHashMap<>();
        key.put(intersect.column(relationship.column1()).orElseThrow(), first);
        key.put(intersect.column(relationship.column2()).orElseThrow(), second);
        return rows.findIdByKey(intersect, key).map(List::of).orElse(List.of());
    }

    // Deleting a row ends its associations (Dataverse removes the intersect rows with the row).

    @Override
    public boolean listensTo(TableDefinition table) {
        return !schemas.current().manyToMany(table).isEmpty();
    }

    @Override
    public void written(TableDefinition table, UUID id, boolean created) {
        // nothing: a write keeps the row's associations
    }

    @Override
    public void deleting(TableDefinition table, UUID id) {
        for (ManyToManyDefinition relationship : schemas.current().manyToMany(table)) {
            if (relationship.viewOf() != null) {
                continue; // the component's own associations go with the component
            }
            Set<UUID> intersectIds = new LinkedHashSet<>();
            List<String> columns = relationship.isSelfReferencing()
                    ? List.of(relationship.column1(), relationship.column2())
                    : List.of(relationship.columnOf(table.logicalName()));
            for (String column : columns) {
                TableDefinition intersect = relationship.intersect();
                for (Map<String, Object> row : rows.findByColumnIn(
                        intersect, intersect.column(column).orElseThrow(), List.of(id), List.of())) {
                    intersectIds.add((UUID) row.get(intersect.primaryId()));
                }
            }
            intersectIds.forEach(intersectId -> rows.delete(relationship.intersect(), intersectId));
        }
    }
}
