package dev.powerpages.emulator.appnode.lists;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.liquid.TagParameters;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import dev.powerpages.emulator.appnode.tables.Table;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.blocks.Block;
import liqp.nodes.LNode;
import liqp.tags.Tag;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Power Pages' list tags ("Dataverse Liquid tags"): {@code {% entitylist name:'…' %}…{% endentitylist %}} (or
 * {@code id:}, {@code key:}) loads a list and sets {@code entitylist} inside the block;
 * {@code {% entityview %}…{% endentityview %}} loads a page of a view's rows and sets {@code entityview} — inside an
 * entitylist its view, page size and permissions by default, else the table named by {@code logical_name}. The page,
 * search and sort come from the tag's {@code page}, {@code search}, {@code order} parameters or else from the query
 * string parameters of the same names, as the docs say. A list the site does not have renders nothing, as Power
 * Pages renders the block only when the list loads; a table the store does not have renders the not-emulated comment.
 */
@Component
class EntityListTags implements LiquidExtension {

    /** Where entityview finds the list it is inside of. */
    static final String CURRENT_LIST = "__pp_entitylist";

    private final TableCatalog catalog;
    private final ViewQueries queries;
    private final UnsupportedLiquid unsupported;

    EntityListTags(TableCatalog catalog, ViewQueries queries, UnsupportedLiquid unsupported) {
        this.catalog = catalog;
        this.queries = queries;
        this.unsupported = unsupported;
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withBlock(new Block("entitylist") {
            @Override
            public Object render(TemplateContext context, LNode... nodes) {
                return entityList(context, nodes, this::asString);
            }
        });
        parser.withBlock(new Block("entityview") {
            @Override
            public Object render(TemplateContext context, LNode... nodes) {
                return entityView(context, nodes, this::asString);
            }
        });
        parser.withTag(new Tag(ListGrid.TAG) {
            @Override
            public Object render(TemplateContext context, LNode... nodes) {
                return grid(context, TagParameters.parse(context, nodes));
            }
        });
    }

    private Object entityList(
            TemplateContext context, LNode[] nodes, BiFunction<Object, TemplateContext, String> asString) {
        RenderScope scope = RenderScope.of(context);
        Map<String, Object> parameters = TagParameters.parse(context, Arrays.copyOf(nodes, nodes.length - 1));
        Optional<EntityList> list = find(scope, parameters);
        if (list.isEmpty()) {
            return "";
        }
        Optional<Table> table;
        try {
            table = catalog.table(list.get().table());
        } catch (StoreUnavailableException ex) {
            return "";
        }
        if (table.isEmpty()) {
            return unsupported.use(
                    scope.site().websiteId(),
                    "entitylist on table " + list.get().table() + " (not in the store)");
        }
        TemplateContext inner = context.newChildContext();
        inner.put("entitylist", ListObjects.entityList(scope.site(), list.get(), table.get()));
        inner.put(CURRENT_LIST, list.get());
        return asString.apply(nodes[nodes.length - 1].render(inner), inner);
    }

    private Object entityView(
            TemplateContext context, LNode[] nodes, BiFunction<Object, TemplateContext, String> asString) {
        RenderScope scope = RenderScope.of(context);
        Map<String, Object> parameters = TagParameters.parse(context, Arrays.copyOf(nodes, nodes.length - 1));
        EntityList list = context.get(CURRENT_LIST) instanceof EntityList current ? current : null;
        String logicalName = TagParameters.text(parameters, "logical_name");
        if (logicalName == null && list != null) {
            logicalName = list.table();
        }
        if (logicalName == null) {
            return "";
        }
        String viewId = TagParameters.text(parameters, "id");
        String viewName = TagParameters.text(parameters, "name");
        if (list != null && viewId == null && !list.views().isEmpty()) {
            viewId = list.views().get(0).id();
            viewName = viewName != null ? viewName : list.views().get(0).name();
        }
        Object permissions = parameters.get("enable_entity_permissions");
        boolean permissionsEnabled = permissions != null
                ? Boolean.parseBoolean(String.valueOf(permissions))
                : list == null || list.permissionsEnabled();
        try {
            Optional<Table> table = catalog.table(logicalName);
            if (table.isEmpty()) {
                return unsupported.use(
                        scope.site().websiteId(), "entityview on table " + logicalName + " (not in the store)");
            }
            ViewQuery query = query(scope, parameters, list == null ? EntityLists.DEFAULT_PAGE_SIZE : list.pageSize());
            ViewPage page = queries.page(scope.site(), scope.request().user(), table.get(), permissionsEnabled, query);
            TemplateContext inner = context.newChildContext();
            inner.put("entityview", ListObjects.entityView(viewId, viewName, table.get(), page));
            return asString.apply(nodes[nodes.length - 1].render(inner), inner);
        } catch (StoreUnavailableException | HttpClientErrorException ex) {
            return "";
        }
    }

    /** The markup of the {@code 'entity_list'} built-in template: the list's grid, search and paging. */
    private Object grid(TemplateContext context, Map<String, Object> parameters) {
        RenderScope scope = RenderScope.of(context);
        Object key = parameters.containsKey("key") ? parameters.get("key") : context.get("key");
        EntityLists lists = EntityLists.of(scope.site());
        Optional<EntityList> list = key == null ? lists.ofPage(scope.page().id()) : lists.find(String.valueOf(key));
        if (list.isEmpty()) {
            return "";
        }
        try {
            Optional<Table> table = catalog.table(list.get().table());
            if (table.isEmpty()) {
                return unsupported.use(
                        scope.site().websiteId(),
                        "entitylist on table " + list.get().table() + " (not in the store)");
            }
            ViewQuery query = query(scope, Map.of(), list.get().pageSize());
            ViewPage page = queries.page(
                    scope.site(),
                    scope.request().user(),
                    table.get(),
                    list.get().permissionsEnabled(),
                    query);
            return ListGrid.html(
                    scope,
                    list.get(),
                    table.get(),
                    page,
                    ListObjects.entityList(scope.site(), list.get(), table.get()));
        } catch (StoreUnavailableException | HttpClientErrorException ex) {
            return "<div class=\"entitylist entity-grid\"><div class=\"view-error message alert alert-danger\">"
                    + "The list cannot be shown right now: the data is unavailable.</div></div>";
        }
    }

    private static Optional<EntityList> find(RenderScope scope, Map<String, Object> parameters) {
        EntityLists lists = EntityLists.of(scope.site());
        for (String name : new String[] {"id", "name", "key"}) {
            String value = TagParameters.text(parameters, name);
            if (value != null) {
                return lists.find(value);
            }
        }
        return Optional.empty();
    }

    private static ViewQuery query(RenderScope scope, Map<String, Object> parameters, int defaultPageSize) {
        String query = scope.request().query();
        int page = positive(value(parameters, "page", query), 1);
        int pageSize = Math.min(
                ViewQuery.MAX_PAGE_SIZE, positive(TagParameters.text(parameters, "page_size"), defaultPageSize));
        return new ViewQuery(page, pageSize, value(parameters, "search", query), value(parameters, "order", query));
    }

    private static String value(Map<String, Object> parameters, String name, String query) {
        String value = TagParameters.text(parameters, name);
        return value != null ? value : queryParameter(query, name);
    }

    static String queryParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        String value = UriComponentsBuilder.newInstance()
                .query(query)
                .build()
                .getQueryParams()
                .getFirst(name);
        return value == null ? null : UriUtils.decode(value.replace('+', ' '), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int positive(String value, int fallback) {
        try {
            int number = value == null ? fallback : Integer.parseInt(value.strip());
            return number > 0 ? number : fallback;
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }
}
