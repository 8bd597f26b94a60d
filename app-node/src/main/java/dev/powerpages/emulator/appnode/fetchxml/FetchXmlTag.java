package dev.powerpages.emulator.appnode.fetchxml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import liqp.TemplateContext;
import liqp.blocks.Block;
import liqp.nodes.LNode;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Power Pages' {@code {% fetchxml name %}<fetch …>…</fetch>{% endfetchxml %}}: runs the query and sets
 * {@code name.results.entities} (rows as objects by column name, lookups also as {@code column.id}),
 * {@code name.results.total_record_count} (with {@code returntotalrecordcount="true"}, else -1),
 * {@code name.results.more_records} and {@code name.xml}.
 *
 * <p>As Power Pages does for the {@code fetchxml} tag, table permissions apply: the visitor's web roles must grant
 * read on the table, or the results are empty; a Self-scope read on {@code contact} returns the visitor's own row
 * only. The query is translated to OData ({@link FetchXmlTranslator}) since the store does not take
 * {@code ?fetchXml=}; results are business data, cached per user like {@code /_api} reads.
 */
@Component
public class FetchXmlTag extends Block {

    public static final String NAME = "fetchxml";
    /** Context variable holding the snapshot and the visitor, set by the renderer. */
    public static final String CONTEXT = "__pp_fetchxml_context";

    /** Columns never handed to templates. */
    private static final Set<String> HIDDEN_COLUMNS = Set.of("adx_identity_passwordhash");

    /** The snapshot the page renders from and the visitor ({@code null}: anonymous). */
    public record Context(SiteSnapshot site, SiteUser user) {
    }

    private final StoreClient store;
    private final BusinessDataCache cache;

    public FetchXmlTag(StoreClient store, BusinessDataCache cache) {
        super(NAME);
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        if (nodes.length < 2) {
            throw new FetchXmlException("fetchxml needs a variable name: {% fetchxml name %}…{% endfetchxml %}");
        }
        String name = super.asString(nodes[0].render(context), context).strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new FetchXmlException("fetchxml needs a variable name, not '" + name + "'");
        }
        String xml = super.asString(nodes[nodes.length - 1].render(context), context);
        FetchXmlQuery query = FetchXmlTranslator.translate(xml);
        Context current = context.get(CONTEXT) instanceof Context value ? value : null;
        Map<String, Object> results = current == null ? empty() : run(query, current);
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("xml", xml);
        variable.put("results", results);
        context.put(name, variable, true);
        return "";
    }

    private Map<String, Object> run(FetchXmlQuery query, Context current) {
        SitePermissions permissions = current.site().permissions();
        Set<String> roles = current.user() == null ? permissions.anonymousRoleIds() : current.user().roleIds(permissions);
        SitePermissions.Access access = permissions.access(roles, query.entity());
        if (!access.canRead() || access.readLimitedToSelf() && current.user() == null) {
            return empty();
        }
        String selfFilter = access.readLimitedToSelf() ? "contactid eq " + current.user().contactId() : null;
        String options = query.options(selfFilter);
        String user = current.user() == null ? "anonymous" : current.user().cacheKey();
        JsonNode body;
        try {
            body = cache.get(new BusinessDataCache.Key(user, query.entitySet(), "fetchxml:" + options),
                    () -> store.query(query.entitySet(), options));
        }
        catch (HttpClientErrorException ex) {
            throw new FetchXmlException("The store rejected the FetchXML query on " + query.entity() + ": "
                    + ex.getResponseBodyAsString());
        }
        List<Map<String, Object>> entities = new ArrayList<>();
        for (JsonNode row : body.path("value")) {
            entities.add(entity(row, query.entity()));
        }
        boolean more = query.top() != null && entities.size() > query.top();
        if (more) {
            entities = entities.subList(0, query.top());
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("entities", entities);
        results.put("total_record_count", body.has("@odata.count") ? body.get("@odata.count").asLong() : -1L);
        results.put("more_records", more || body.has("@odata.nextLink"));
        return results;
    }

    private static Map<String, Object> entity(JsonNode row, String table) {
        Map<String, Object> entity = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : row.properties()) {
            String column = property.getKey();
            if (column.startsWith("@") || column.contains("@") || HIDDEN_COLUMNS.contains(column)) {
                continue;
            }
            Object value = value(property.getValue());
            if (column.startsWith("_") && column.endsWith("_value") && column.length() > 7) {
                // A lookup, as Power Pages' entity objects show it: column.id (and column.Id).
                String lookup = column.substring(1, column.length() - 6);
                // Ordered: a template that outputs the lookup itself prints the map, which must read the same every run.
                Map<String, Object> reference = new LinkedHashMap<>();
                reference.put("id", value);
                reference.put("Id", value);
                entity.put(lookup, value == null ? null : reference);
            }
            entity.put(column, value);
        }
        Object id = entity.get(table + "id");
        if (id != null) {
            entity.put("id", id);
        }
        return entity;
    }

    private static Object value(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asString();
    }

    private static Map<String, Object> empty() {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("entities", List.of());
        results.put("total_record_count", 0L);
        results.put("more_records", false);
        return results;
    }
}
