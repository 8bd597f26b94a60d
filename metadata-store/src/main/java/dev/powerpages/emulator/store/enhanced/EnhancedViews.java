package dev.powerpages.emulator.store.enhanced;

import dev.powerpages.emulator.store.data.RowListener;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import dev.powerpages.emulator.store.schema.ViewDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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
 * lookup missing from the content is the component's {@code powerpagesitelanguageid}. A component's associations
 * appear in the mspp_ relationship of the two components' views: those its content lists under the relationship's
 * name (a site folder's {@code adx_entitypermission_webrole}) and those of {@code powerpagecomponent_powerpagecomponent}.
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
        return name.equals(ViewDefinition.SITE)
                || name.equals(ViewDefinition.SITE_LANGUAGE)
                || name.equals(ViewDefinition.COMPONENT)
                || componentRelationship(schemas.current())
                        .filter(r -> r.intersect().logicalName().equals(name))
                        .isPresent();
    }

    @Override
    public void written(TableDefinition table, UUID id, boolean created) {
        StoreSchema schema = schemas.current();
        Optional<ManyToManyDefinition> links = componentRelationship(schema);
        if (links.isPresent() && links.get().intersect().logicalName().equals(table.logicalName())) {
            rows.find(table, id, List.of()).ifPresent(row -> relink(schema, links.get(), row, null));
            return;
        }
        Map<String, Object> source = rows.find(table, id, List.of()).orElse(null);
        if (source == null) {
            return;
        }
        Optional<ViewDefinition> view = viewOf(schema, table.logicalName(), source.get(TYPE));
        if (view.isPresent() && !created && rows.exists(view.get().table(), id)) {
            rows.update(view.get().table(), id, project(view.get(), source), null);
            syncLinks(schema, id, null);
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
        if (view.isPresent() && table.logicalName().equals(ViewDefinition.COMPONENT)) {
            syncLinks(schema, id, null);
            // components associated with this one before it existed (or had this type) now show the association
            links.ifPresent(components ->
                    linkedComponents(components, id, null).forEach(other -> syncLinks(schema, other, null)));
        }
    }

    @Override
    public void deleting(TableDefinition table, UUID id) {
        StoreSchema schema = schemas.current();
        Optional<ManyToManyDefinition> links = componentRelationship(schema);
        if (links.isPresent() && links.get().intersect().logicalName().equals(table.logicalName())) {
            rows.find(table, id, List.of()).ifPresent(row -> relink(schema, links.get(), row, id));
            return;
        }
        if (table.logicalName().equals(ViewDefinition.COMPONENT)) {
            dropLinks(schema, id);
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

    /**
     * The mspp_ associations of a component as entity 1: those its content lists under the relationship's name (as a
     * site folder's table permission lists {@code adx_entitypermission_webrole}) and those of
     * {@code powerpagecomponent_powerpagecomponent} with a component of the other view, in either order.
     *
     * @param excluded an intersect row of the components' relationship about to be deleted, or null
     */
    void syncLinks(StoreSchema schema, UUID componentId, UUID excluded) {
        Optional<ViewDefinition> view = componentView(schema, componentId);
        if (view.isEmpty()) {
            return;
        }
        TableDefinition components = schema.requireTable(ViewDefinition.COMPONENT);
        ObjectNode json = content.parse(rows.find(
                        components,
                        componentId,
                        List.of(components.column("content").orElseThrow()))
                .map(row -> row.get("content"))
                .orElse(null));
        List<UUID> linked = componentRelationship(schema)
                .map(r -> linkedComponents(r, componentId, excluded))
                .orElse(List.of());
        for (ManyToManyDefinition relationship : schema.manyToMany()) {
            if (relationship.viewOf() == null
                    || !relationship.table1().equals(view.get().table().logicalName())) {
                continue;
            }
            Set<UUID> wanted = new LinkedHashSet<>(listed(json, relationship));
            for (UUID other : linked) {
                if (componentView(schema, other)
                        .filter(v -> v.table().logicalName().equals(relationship.table2()))
                        .isPresent()) {
                    wanted.add(other);
                }
            }
            TableDefinition intersect = relationship.intersect();
            Map<UUID, UUID> current = new LinkedHashMap<>();
            for (Map<String, Object> row : rows.findByColumnIn(
                    intersect,
                    intersect.column(relationship.column1()).orElseThrow(),
                    List.of(componentId),
                    List.of())) {
                current.put((UUID) row.get(relationship.column2()), (UUID) row.get(intersect.primaryId()));
            }
            for (UUID other : wanted) {
                if (current.remove(other) == null) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put(relationship.column1(), componentId);
                    values.put(relationship.column2(), other);
                    rows.insert(intersect, relationship.intersectId(componentId, other), values);
                }
            }
            current.values().forEach(intersectId -> rows.delete(intersect, intersectId));
        }
    }

    /** An association of two components changed: both may be entity 1 of an mspp_ association. */
    private void relink(
            StoreSchema schema, ManyToManyDefinition components, Map<String, Object> intersectRow, UUID excluded) {
        for (String column : List.of(components.column1(), components.column2())) {
            if (intersectRow.get(column) instanceof UUID component) {
                syncLinks(schema, component, excluded);
            }
        }
    }

    /** A deleted component leaves every mspp_ association it is part of. */
    private void dropLinks(StoreSchema schema, UUID componentId) {
        for (ManyToManyDefinition relationship : schema.manyToMany()) {
            if (relationship.viewOf() == null) {
                continue;
            }
            TableDefinition intersect = relationship.intersect();
            for (String column : List.of(relationship.column1(), relationship.column2())) {
                for (Map<String, Object> row : rows.findByColumnIn(
                        intersect, intersect.column(column).orElseThrow(), List.of(componentId), List.of())) {
                    rows.delete(intersect, (UUID) row.get(intersect.primaryId()));
                }
            }
        }
    }

    /** The components associated with one through {@code powerpagecomponent_powerpagecomponent}, in either column. */
    private List<UUID> linkedComponents(ManyToManyDefinition components, UUID componentId, UUID excluded) {
        List<UUID> linked = new ArrayList<>();
        TableDefinition intersect = components.intersect();
        for (String[] columns : new String[][] {
            {components.column1(), components.column2()}, {components.column2(), components.column1()}
        }) {
            for (Map<String, Object> row : rows.findByColumnIn(
                    intersect, intersect.column(columns[0]).orElseThrow(), List.of(componentId), List.of())) {
                if (!row.get(intersect.primaryId()).equals(excluded)
                        && row.get(columns[1]) instanceof UUID other
                        && !linked.contains(other)) {
                    linked.add(other);
                }
            }
        }
        return linked;
    }

    /** The ids a content lists under the relationship ({@code adx_entitypermission_webrole}, or without prefix). */
    static List<UUID> listed(ObjectNode json, ManyToManyDefinition relationship) {
        List<UUID> ids = new ArrayList<>();
        JsonNode list = listNode(json, relationship);
        if (list != null && list.isArray()) {
            list.forEach(item -> {
                try {
                    ids.add(UUID.fromString(item.asString().trim()));
                } catch (IllegalArgumentException e) {
                    // not an id: nothing to associate
                }
            });
        }
        return ids;
    }

    /** The content key a relationship is listed under, if the content has one. */
    static String listKey(ObjectNode json, ManyToManyDefinition relationship) {
        String plain =
                relationship.viewOf().startsWith("adx_") ? relationship.viewOf().substring(4) : relationship.viewOf();
        for (String key : List.of(relationship.viewOf(), relationship.name(), plain)) {
            if (json.has(key)) {
                return key;
            }
        }
        return null;
    }

    private static JsonNode listNode(ObjectNode json, ManyToManyDefinition relationship) {
        String key = listKey(json, relationship);
        return key == null ? null : json.get(key);
    }

    private Optional<ViewDefinition> componentView(StoreSchema schema, UUID componentId) {
        TableDefinition components = schema.requireTable(ViewDefinition.COMPONENT);
        return rows.find(
                        components, componentId, List.of(components.column(TYPE).orElseThrow()))
                .flatMap(row -> viewOf(schema, ViewDefinition.COMPONENT, row.get(TYPE)));
    }

    static Optional<ViewDefinition> viewOf(StoreSchema schema, String source, Object componentType) {
        return schema.views().stream()
                .filter(v -> v.source().equals(source))
                .filter(v -> !ViewDefinition.COMPONENT.equals(source)
                        || (componentType instanceof Number n && v.componentType() == n.intValue()))
                .findFirst();
    }

    private static List<ViewDefinition> viewsOf(StoreSchema schema, String source) {
        return schema.views().stream().filter(v -> v.source().equals(source)).toList();
    }

    static Optional<ManyToManyDefinition> componentRelationship(StoreSchema schema) {
        return schema.manyToMany().stream()
                .filter(r -> r.name().equals("powerpagecomponent_powerpagecomponent"))
                .findFirst();
    }
}
