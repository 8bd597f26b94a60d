package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.auth.ApplicationUsers.Privilege;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.odata.QueryOptions;
import dev.powerpages.emulator.store.relationship.Associations;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Renders rows with their {@code $expand}ed navigation properties, as Dataverse does: a single-valued
 * one ({@code parentcustomerid_account}) becomes the related row or {@code null}, a collection-valued
 * one ({@code contact_customer_accounts}) or a many-to-many relationship ({@code adx_entitypermission_webrole}) an
 * array of related rows; each with its nested $select.
 * One query per expanded property and page, not one per row.
 */
@Component
class Expander {

    private final RowStore rows;
    private final Privileges privileges;
    private final Associations associations;
    private final FormattedValues formattedValues;

    Expander(RowStore rows, Privileges privileges, Associations associations, FormattedValues formattedValues) {
        this.rows = rows;
        this.privileges = privileges;
        this.associations = associations;
        this.formattedValues = formattedValues;
    }

    /** Expanding needs read access to the related tables too. */
    void requireRead(Jwt caller, QueryOptions options) {
        options.expand().forEach(expand -> privileges.require(caller, Privilege.READ, expand.target()));
    }

    /** The options to read rows with: a $select also fetches the lookups that single-valued expansions follow. */
    QueryOptions fetchOptions(QueryOptions options) {
        if (options.select().isEmpty() || options.expand().isEmpty()) {
            return options;
        }
        Set<ColumnDefinition> select = new LinkedHashSet<>(options.select());
        options.expand().stream().filter(e -> !e.collection()).forEach(e -> select.add(e.lookup()));
        return new QueryOptions(
                List.copyOf(select),
                options.filter(),
                options.orderBy(),
                options.top(),
                options.count(),
                options.expand());
    }

    List<Map<String, Object>> render(TableDefinition table, List<Map<String, Object>> page, QueryOptions options) {
        return render(table, page, options, Annotations.NONE);
    }

    /** The rows, and their expanded rows, with the annotations the client asked for. */
    List<Map<String, Object>> render(
            TableDefinition table, List<Map<String, Object>> page, QueryOptions options, Annotations annotations) {
        List<Map<String, Object>> json = new ArrayList<>();
        ODataJson.Annotator annotator = formattedValues.forRows(table, page, options.select(), annotations);
        page.forEach(row -> json.add(ODataJson.row(table, row, options.select(), annotator)));
        for (QueryOptions.Expand expand : options.expand()) {
            if (expand.manyToMany() != null) {
                expandManyToMany(table, page, json, expand, annotations);
            } else if (expand.collection()) {
                expandCollection(table, page, json, expand, annotations);
            } else {
                expandSingle(page, json, expand, annotations);
            }
        }
        return json;
    }

    private void expandSingle(
            List<Map<String, Object>> page,
            List<Map<String, Object>> json,
            QueryOptions.Expand expand,
            Annotations annotations) {
        TableDefinition target = expand.target();
        Set<UUID> ids = new LinkedHashSet<>();
        page.forEach(row -> {
            if (row.get(expand.lookup().name()) instanceof UUID id) {
                ids.add(id);
            }
        });
        ColumnDefinition key = target.column(target.primaryId()).orElseThrow();
        Map<Object, Map<String, Object>> related = new LinkedHashMap<>();
        List<Map<String, Object>> found = rows.findByColumnIn(target, key, ids, expand.select());
        ODataJson.Annotator annotator = formattedValues.forRows(target, found, expand.select(), annotations);
        found.forEach(row ->
                related.put(row.get(target.primaryId()), ODataJson.row(target, row, expand.select(), annotator)));
        for (int i = 0; i < page.size(); i++) {
            json.get(i)
                    .put(
                            expand.navigation(),
                            related.get(page.get(i).get(expand.lookup().name())));
        }
    }

    /** The related rows of a many-to-many relationship: the page's intersect rows, then the rows they name. */
    private void expandManyToMany(
            TableDefinition table,
            List<Map<String, Object>> page,
            List<Map<String, Object>> json,
            QueryOptions.Expand expand,
            Annotations annotations) {
        Set<UUID> ids = new LinkedHashSet<>();
        page.forEach(row -> ids.add((UUID) row.get(table.primaryId())));
        Map<UUID, List<UUID>> related = associations.related(expand.manyToMany(), table, ids);
        Set<UUID> relatedIds = new LinkedHashSet<>();
        related.values().forEach(relatedIds::addAll);
        TableDefinition target = expand.target();
        Map<Object, Map<String, Object>> rowsById = new LinkedHashMap<>();
        List<Map<String, Object>> found = rows.findByColumnIn(
                target, target.column(target.primaryId()).orElseThrow(), relatedIds, expand.select());
        ODataJson.Annotator annotator = formattedValues.forRows(target, found, expand.select(), annotations);
        found.forEach(row ->
                rowsById.put(row.get(target.primaryId()), ODataJson.row(target, row, expand.select(), annotator)));
        for (int i = 0; i < page.size(); i++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (UUID relatedId : related.getOrDefault((UUID) page.get(i).get(table.primaryId()), List.of())) {
                Map<String, Object> item = rowsById.get(relatedId);
                if (item != null) {
                    items.add(item);
                }
            }
            json.get(i).put(expand.navigation(), items);
        }
    }

    private void expandCollection(
            TableDefinition table,
            List<Map<String, Object>> page,
            List<Map<String, Object>> json,
            QueryOptions.Expand expand,
            Annotations annotations) {
        Set<UUID> ids = new LinkedHashSet<>();
        page.forEach(row -> ids.add((UUID) row.get(table.primaryId())));
        Map<Object, List<Map<String, Object>>> children = new LinkedHashMap<>();
        List<Map<String, Object>> found = rows.findByColumnIn(expand.target(), expand.lookup(), ids, expand.select());
        ODataJson.Annotator annotator = formattedValues.forRows(expand.target(), found, expand.select(), annotations);
        found.forEach(
                child -> children.computeIfAbsent(child.get(expand.lookup().name()), k -> new ArrayList<>())
                        .add(ODataJson.row(expand.target(), child, expand.select(), annotator)));
        for (int i = 0; i < page.size(); i++) {
            json.get(i)
                    .put(expand.navigation(), children.getOrDefault(page.get(i).get(table.primaryId()), List.of()));
        }
    }
}
