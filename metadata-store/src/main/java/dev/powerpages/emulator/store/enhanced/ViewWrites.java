package dev.powerpages.emulator.store.enhanced;

import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.relationship.Associations;
import dev.powerpages.emulator.store.relationship.ViewRelationships;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import dev.powerpages.emulator.store.schema.ViewDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes to an mspp_ table, as Dataverse's virtual tables take them: a create, update or delete of
 * {@code mspp_webpages} is one of a {@code powerpagecomponent} of type 2 (its content JSON changed key by key), and
 * {@link EnhancedViews} then writes the view row in the same transaction. The mapping is the reverse of the view's:
 * the primary name column goes to {@code name}, {@code mspp_websiteid} to {@code powerpagesiteid}, a column the
 * source table has to that column, every other {@code mspp_<x>} to the content key {@code <x>}.
 */
@Component
public class ViewWrites implements ViewRelationships {

    private static final String VIEW_PREFIX = "mspp_";

    private final RowStore rows;
    private final EnvironmentSchemas schemas;
    private final ComponentContent content;
    private final Associations associations;

    ViewWrites(RowStore rows, EnvironmentSchemas schemas, ObjectMapper mapper, Associations associations) {
        this.rows = rows;
        this.schemas = schemas;
        this.content = new ComponentContent(mapper);
        this.associations = associations;
    }

    /**
     * Associates two components of an mspp_ relationship: in entity 1's content list, if its content lists the
     * relationship (as a site folder's do), else in {@code powerpagecomponent_powerpagecomponent}.
     */
    @Override
    public void associate(ManyToManyDefinition relationship, UUID first, UUID second) {
        TableDefinition components = schemas.current().requireTable(ViewDefinition.COMPONENT);
        ObjectNode json = componentContent(components, first);
        String key = EnhancedViews.listKey(json, relationship);
        if (key != null) {
            if (!EnhancedViews.listed(json, relationship).contains(second)) {
                json.withArray(key).add(second.toString());
                rows.update(components, first, Map.of("content", content.write(json)), null);
            }
            return;
        }
        associations.associatePair(componentRelationship(), first, second);
    }

    @Override
    public boolean disassociate(ManyToManyDefinition relationship, UUID first, UUID second) {
        TableDefinition components = schemas.current().requireTable(ViewDefinition.COMPONENT);
        ObjectNode json = componentContent(components, first);
        String key = EnhancedViews.listKey(json, relationship);
        boolean listed = false;
        if (key != null && json.get(key).isArray()) {
            tools.jackson.databind.node.ArrayNode list = (tools.jackson.databind.node.ArrayNode) json.get(key);
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).asString().trim().equalsIgnoreCase(second.toString())) {
                    list.remove(i);
                    listed = true;
                }
            }
            if (listed) {
                rows.update(components, first, Map.of("content", content.write(json)), null);
            }
        }
        ManyToManyDefinition pairs = componentRelationship();
        return associations.disassociatePair(pairs, first, second)
                | associations.disassociatePair(pairs, second, first)
                | listed;
    }

    private ObjectNode componentContent(TableDefinition components, UUID id) {
        return content.parse(
                rows.find(components, id, List.of(components.column("content").orElseThrow()))
                        .map(row -> row.get("content"))
                        .orElse(null));
    }

    private ManyToManyDefinition componentRelationship() {
        return EnhancedViews.componentRelationship(schemas.current()).orElseThrow();
    }

    /** Creates the source row of a new view row. */
    public void create(ViewDefinition view, UUID id, Map<String, Object> values) {
        TableDefinition source = schemas.current().requireTable(view.source());
        Map<String, Object> row = new LinkedHashMap<>();
        if (view.componentType() != null) {
            row.put("powerpagecomponenttype", view.componentType());
        }
        ObjectNode json = content.parse(null);
        apply(view, source, values, row, json);
        if (source.column("content").isPresent()) {
            row.put("content", content.write(json));
        }
        rows.insert(source, id, row);
    }

    /**
     * Updates the source row of a view row.
     *
     * @param expectedVersion the view row's version the client read (If-Match), or null
     * @return the view row's new version; empty when the view row is gone or has another version
     */
    public Optional<Long> update(ViewDefinition view, UUID id, Map<String, Object> values, Long expectedVersion) {
        TableDefinition source = schemas.current().requireTable(view.source());
        return rows.inTransaction(() -> {
            Optional<Map<String, Object>> current = rows.find(view.table(), id, List.of());
            if (current.isEmpty()
                    || (expectedVersion != null
                            && !expectedVersion.equals(current.get().get("versionnumber")))) {
                return Optional.<Long>empty();
            }
            Map<String, Object> sourceRow = rows.find(source, id, List.of()).orElseThrow();
            ObjectNode json = content.parse(sourceRow.get("content"));
            Map<String, Object> row = new LinkedHashMap<>();
            apply(view, source, values, row, json);
            if (source.column("content").isPresent()) {
                row.put("content", content.write(json));
            }
            rows.update(source, id, row, null);
            return rows.find(view.table(), id, List.of()).map(r -> (Long) r.get("versionnumber"));
        });
    }

    /** Deletes the source row (and so the view row). */
    public boolean delete(ViewDefinition view, UUID id) {
        TableDefinition source = schemas.current().requireTable(view.source());
        return rows.inTransaction(() -> rows.exists(view.table(), id) && rows.delete(source, id));
    }

    private void apply(
            ViewDefinition view,
            TableDefinition source,
            Map<String, Object> values,
            Map<String, Object> row,
            ObjectNode json) {
        TableDefinition table = view.table();
        values.forEach((name, value) -> {
            if (name.equals(table.primaryName())) {
                row.put("name", value);
            } else if (name.equals("statecode") || name.equals("statuscode")) {
                row.put(name, value);
            } else if (name.equals(VIEW_PREFIX + "websiteid")
                    && source.column("powerpagesiteid").isPresent()) {
                row.put("powerpagesiteid", value);
            } else {
                String key = name.startsWith(VIEW_PREFIX) ? name.substring(VIEW_PREFIX.length()) : name;
                if (source.column(key).isPresent() && !key.equals("content") && !key.equals("name")) {
                    row.put(key, value);
                } else {
                    content.put(json, key, value);
                }
            }
        });
    }
}
