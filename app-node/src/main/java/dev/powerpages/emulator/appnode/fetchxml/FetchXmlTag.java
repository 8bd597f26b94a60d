package dev.powerpages.emulator.appnode.fetchxml;

import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liqp.TemplateContext;
import liqp.blocks.Block;
import liqp.nodes.LNode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.databind.JsonNode;

/**
 * Power Pages' {@code {% fetchxml name %}<fetch …>…</fetch>{% endfetchxml %}} ("Template tags", fetchxml): runs the
 * query ({@link FetchXmlEngine}: link-entity, nested filters, order, paging, aggregates) with the visitor's table
 * permissions and sets {@code name.results} — {@code entities} (rows as objects by column name, linked columns as
 * {@code alias.column}, lookups as references with {@code id}, {@code logical_name} and {@code name}),
 * {@code total_record_count} (with {@code returntotalrecordcount="true"}, else -1),
 * {@code total_record_count_limit_exceeded}, {@code more_records}, {@code paging_cookie} and {@code entity_name} — and
 * {@code name.xml}, the query as run. Rows are business data, cached per user like {@code /_api} reads.
 *
 * <p>A query on a table the store does not describe (a site's own {@code wi_…} table, whose columns live in the maker's
 * solution rather than in the downloaded folder) is not emulated: it gives no rows, and the tag writes the not-emulated
 * comment, counted per site as a form or list on such a table is ({@link UnsupportedLiquid}), instead of failing the page.
 */
@Component
public class FetchXmlTag extends Block {

    public static final String NAME = "fetchxml";
    /** Context variable holding the snapshot and the visitor, set by the renderer. */
    public static final String CONTEXT = "__pp_fetchxml_context";

    /** Columns never handed to templates. */
    static final Set<String> HIDDEN_COLUMNS = Set.of("adx_identity_passwordhash");

    /**
     * Asked of the store with every read: lookups come back with the referenced row's name and table, which the
     * results' references answer as {@code name} and {@code logical_name}, as Power Pages' entity references do.
     */
    static final String ANNOTATIONS = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,"
            + "Microsoft.Dynamics.CRM.lookuplogicalname\"";

    /** The snapshot the page renders from and the visitor ({@code null}: anonymous). */
    public record Context(SiteSnapshot site, SiteUser user) {}

    private final StoreClient store;
    private final BusinessDataCache cache;
    private final TableCatalog catalog;
    private final UnsupportedLiquid unsupported;
    private final Clock clock = Clock.systemUTC();

    public FetchXmlTag(
            StoreClient store, BusinessDataCache cache, TableCatalog catalog, UnsupportedLiquid unsupported) {
        super(NAME);
        this.store = store;
        this.cache = cache;
        this.catalog = catalog;
        this.unsupported = unsupported;
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
        FetchXml query = FetchXmlEngine.parse(xml);
        Context current = context.get(CONTEXT) instanceof Context value ? value : null;
        Optional<String> missing = current == null || store == null ? Optional.empty() : tableNotInStore(query.root());
        Map<String, Object> results = current == null || store == null || missing.isPresent()
                ? results(emptyResults(query))
                : results(run(query, current));
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("xml", xml);
        variable.put("results", results);
        context.put(name, variable, true);
        return missing.map(table -> unsupported.use(
                        current.site().websiteId(), "fetchxml on table " + table + " (not in the store)"))
                .orElse("");
    }

    /**
     * The first table of the query (the root, then its link-entities) that the store's {@code $metadata} does not
     * describe. None while the store has described no table at all (a store without {@code $metadata} leaves the
     * node to Dataverse's naming conventions) or cannot be reached (the query then fails as any read would).
     */
    private Optional<String> tableNotInStore(FetchXml.Entity entity) {
        try {
            if (!catalog.known()) {
                return Optional.empty();
            }
            return firstMissing(entity);
        } catch (StoreUnavailableException ex) {
            return Optional.empty();
        }
    }

    private Optional<String> firstMissing(FetchXml.Entity entity) {
        if (catalog.table(entity.name()).isEmpty()) {
            return Optional.of(entity.name());
        }
        for (FetchXml.Entity link : entity.links()) {
            Optional<String> missing = firstMissing(link);
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }

    /** Runs a query for a visitor: what the Liquid tag and the Web API's {@code ?fetchXml=} share. */
    public FetchXmlEngine.Results run(FetchXml query, Context current) {
        SitePermissions permissions = current.site().permissions();
        Set<String> roles = current.user() == null
                ? permissions.anonymousRoleIds()
                : current.user().roleIds(permissions);
        String user = current.user() == null ? "anonymous" : current.user().cacheKey();
        FetchXmlEngine engine = new FetchXmlEngine(
                (table, options) -> read(user, table, options),
                this::primaryKey,
                catalog::isLookup,
                catalog.known(),
                clock.instant());
        return engine.run(
                query,
                new FetchXmlEngine.Visitor(
                        table -> permissions.access(roles, table),
                        current.user() == null ? null : current.user().contactId()));
    }

    /** A table's primary key: what the store's metadata says, else Dataverse's convention {@code <table>id}. */
    String primaryKey(String table) {
        return catalog == null ? table + "id" : catalog.primaryKey(table);
    }

    private JsonNode read(String user, String table, String options) {
        String entitySet = catalog.entitySet(table);
        try {
            return cache.get(
                    new BusinessDataCache.Key(user, entitySet, "fetchxml:" + options),
                    () -> store.query(entitySet, options, ANNOTATIONS));
        } catch (HttpClientErrorException ex) {
            throw new FetchXmlException(
                    "The store rejected the FetchXML query on " + table + ": " + ex.getResponseBodyAsString());
        }
    }

    private static FetchXmlEngine.Results emptyResults(FetchXml query) {
        return new FetchXmlEngine.Results(
                List.of(), query.root().name(), query.totalCount() ? 0 : -1, false, false, null);
    }

    private static Map<String, Object> results(FetchXmlEngine.Results results) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("entities", results.entities());
        object.put("entity_name", results.tableName());
        object.put("total_record_count", results.totalRecordCount());
        object.put("total_record_count_limit_exceeded", results.totalRecordCountLimitExceeded());
        object.put("more_records", results.moreRecords());
        object.put("paging_cookie", results.pagingCookie());
        return object;
    }
}
