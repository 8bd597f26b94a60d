package dev.powerpages.emulator.store.enhanced;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.powerpages.emulator.store.data.RowListener;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import dev.powerpages.emulator.store.schema.ViewDefinition;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the mspp_ tables in step with the enhanced data model's system tables. Dataverse computes its mspp_ virtual
 * tables from {@code powerpagecomponent} and friends on every read; the store instead writes each view row in the same
 * transaction as its source row. Why: the views are then ordinary tables, so every query option, paging and change
 * tracking ({@code $deltatoken}, tombstones) works on them unchanged, with the same row versions an app node's delta
 * link follows; and since the write is one transaction, no reader ever sees a component without its view row or the
 * other way round. Computing them on read would mean translating each $filter on mspp_ columns into queries over
 * content JSON, and tracking changes of rows that do not exist.
 * <p>
 * A view row's columns: its id is the source row's; the primary name column ({@code mspp_name}, or
 * {@code mspp_entityname} for table permissions) the source row's {@code name}; {@code mspp_websiteid} the
 * {@code powerpagesiteid}; statecode and statuscode the source row's; every other {@code mspp_<x>} the source
 * row's column {@code <x>} if it has one ({@code languagecode}), else the content JSON's key {@code <x>}; a language
 * lookup missing from the content is the component's {@code powerpagesitelanguageid}. Associations in
 * {@code powerpagecomponent_powerpagecomponent} appear in the mspp_ relationship of the two components' views.
 */
@Component
public class EnhancedViews implements RowListener {

    private static final String VIEW_PREFIX = "mspp_";
    private static final String SITE_ID = "powerpagesiteid";
    private static final String LANGUAGE_ID = "powerpagesitelanguageid";
    private static final String TYPE = "powerpagecomponenttype";

    private final RowStore rows;
    private final EnvironmentSchemas schemas;
    private final ComponentContent content;

    EnhancedViews(RowStore rows, EnvironmentSchemas schemas, ObjectMapper mapper) {
        this.rows = rows;
        this.schemas = schemas;
        this.content = new ComponentContent(mapper);
        rows.addListener(this);
    }

    @Override
    public boolean listensTo(TableDefinition table) {
        String name = table.logicalName();
        return name.equals(ViewDefinition.SITE) || name.equals(ViewDefinition.SITE_LANGUAGE) || name.equals(ViewDefinition.COMPONENT)
                || componentRelationship(schemas.current()).filter(r -> r.intersect().logicalName().equals(name)).isPresent();
    }

    @Override
    public void written(TableDefinition table, UUID id, boolean created) {
        StoreSchema schema = schemas.current();
        Optional<ManyToManyDefinition> links = componentRelationship(schema);
        if (links.isPresent() && links.get().intersect().logicalName().equals(table.logicalName())) {
            rows.find(table, id, List.of()).ifPresent(row -> link(schema, links.get(), row, true));
            return;
        }
        Map<String, Object> source = rows.find(table, id, List.of()).orElse(null);
        if (source == null) {
            return;
        }
        Optional<ViewDefinition> view = viewOf(schema, table.logicalName(), source.get(TYPE));
        if (view.isPresent() && !created && rows.exists(view.get().table(), id)) {
            rows.update(view.get().table(), id, project(view.get(), source), null);
            return;
        }
        if (!created) {
            // an update whose row is not in its view: the component's type changed, it leaves its former view
            for (ViewDefinition other : viewsOf(schema, table.logicalName())) {
                if (rows.exists(other.table(), id)) {
                    rows.delete(other.table(), id);
                }
            }
        }
        // a component type without mspp_ table (bot consumer, UX component) is kept, not shown
        view.ifPresent(v -> rows.insert(v.table(), id, project(v, source)));
    }

    @Override
    public void deleting(TableDefinition table, UUID id) {
        StoreSchema schema = schemas.current();
        Optional<ManyToManyDefinition> links = componentRelationship(schema);
        if (links.isPresent() && links.get().intersect().logicalName().equals(table.logicalName())) {
            rows.find(table, id, List.of()).ifPresent(row -> link(schema, links.get(), row, false));
            return;
        }
        for (ViewDefinition view : viewsOf(schema, table.logicalName())) {
            if (rows.exists(view.table(), id)) {
                rows.delete(view.table(), id);
            }
        }
    }

    /** The view row's values (without its id) from the source row. */
    Map<String, Object> project(ViewDefinition view, Map<String, Object> source) {
        TableDefinition table = view.table();
        ObjectNode json = content.parse(source.get("content"));
        Map<String, Object> values = new LinkedHashMap<>();
        for (ColumnDefinition column : table.columns()) {
            String name = column.name();
            if (column.system() || name.equals(table.primaryId())) {
                continue;
            }
            Object value;
            if (name.equals(table.primaryName())) {
                value = source.get("name");
            } else if (name.equals("statecode") || name.equals("statuscode")) {
                value = source.get(name);
            } else if (name.equals(VIEW_PREFIX + "websiteid")) {
                value = source.get(SITE_ID);
            } else {
                String key = name.startsWith(VIEW_PREFIX) ? name.substring(VIEW_PREFIX.length()) : name;
                if (source.containsKey(key) && !key.equals("content") && !key.equals("name")) {
                    value = source.get(key);
                } else {
                    value = ComponentContent.value(ComponentContent.get(json, key), column);
                    if (value == null && column.isLookup() && isLanguage(column) && source.get(LANGUAGE_ID) != null) {
                        value = source.get(LANGUAGE_ID);
                    }
                }
            }
            values.put(name, value);
        }
        return values;
    }

    private static boolean isLanguage(ColumnDefinition column) {
        return column.target().equals(VIEW_PREFIX + "websitelanguage");
    }

    /** Writes (or removes) the mspp_ association that an association of two components shows as. */
    private void link(StoreSchema schema, ManyToManyDefinition components, Map<String, Object> intersectRow, boolean add) {
        UUID first = (UUID) intersectRow.get(components.column1());
        UUID second = (UUID) intersectRow.get(components.column2());
        Optional<ViewDefinition> firstView = componentView(schema, first);
        Optional<ViewDefinition> secondView = componentView(schema, second);
        if (firstView.isEmpty() || secondView.isEmpty()) {
            return;
        }
        String one = firstView.get().table().logicalName();
        String two = secondView.get().table().logicalName();
        for (ManyToManyDefinition relationship : schema.manyToMany()) {
            if (relationship.viewOf() == null) {
                continue;
            }
            UUID entity1 = relationship.table1().equals(one) && relationship.table2().equals(two) ? first
                    : relationship.table1().equals(two) && relationship.table2().equals(one) ? second : null;
            if (entity1 == null) {
                continue;
            }
            UUID entity2 = Objects.equals(entity1, first) ? second : first;
            UUID intersectId = relationship.intersectId(entity1, entity2);
            boolean exists = rows.exists(relationship.intersect(), intersectId);
            if (add && !exists) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put(relationship.column1(), entity1);
                values.put(relationship.column2(), entity2);
                rows.insert(relationship.intersect(), intersectId, values);
            } else if (!add && exists) {
                rows.delete(relationship.intersect(), intersectId);
            }
        }
    }

    private Optional<ViewDefinition> componentView(StoreSchema schema, UUID componentId) {
        TableDefinition components = schema.requireTable(ViewDefinition.COMPONENT);
        return rows.find(components, componentId, List.of(components.column(TYPE).orElseThrow()))
                .flatMap(row -> viewOf(schema, ViewDefinition.COMPONENT, row.get(TYPE)));
    }

    static Optional<ViewDefinition> viewOf(StoreSchema schema, String source, Object componentType) {
        return schema.views().stream()
                .filter(v -> v.source().equals(source))
                .filter(v -> !ViewDefinition.COMPONENT.equals(source) || (componentType instanceof Number n && v.componentType() == n.intValue()))
                .findFirst();
    }

    private static List<ViewDefinition> viewsOf(StoreSchema schema, String source) {
        return schema.views().stream().filter(v -> v.source().equals(source)).toList();
    }

    static Optional<ManyToManyDefinition> componentRelationship(StoreSchema schema) {
        return schema.manyToMany().stream()
                .filter(r -> r.name().equals("powerpagecomponent_powerpagecomponent")).findFirst();
    }
}
