package dev.powerpages.emulator.appnode.fetchxml;

import dev.powerpages.emulator.appnode.site.SitePermissions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Runs a FetchXML query over the store's Web API the way Dataverse answers it, since the store takes OData and not
 * {@code ?fetchXml=}: the root entity's rows are read with what of its filter translates to OData
 * ({@link ODataPushdown}); each {@code link-entity} reads the linked table's rows whose {@code from} column holds the
 * parent rows' {@code to} values and joins them (inner: parents without a match drop out; outer: they stay with empty
 * columns; exists / in / any: a semi-join adding no columns; not any: an anti-join); then the whole filter — conditions
 * on linked aliases ({@code entityname}) included — is evaluated ({@link FetchXmlConditions}), rows are ordered
 * (nulls first, then the root's key so paging is stable), aggregated ({@code count}, {@code countcolumn},
 * {@code sum}, {@code avg}, {@code min}, {@code max}, {@code groupby} with {@code dategrouping}), made distinct, and
 * paged ({@code top}, or {@code count} and {@code page}).
 *
 * <p>Table permissions apply as Power Pages applies them to Liquid queries: the visitor's web roles must grant read on
 * the root table, or there are no results; a table linked without read gives no rows to join (an inner join then
 * drops its parents); a read limited to Self scope gives the visitor's own contact row only.
 *
 * <p>Emulator limits: at most the store's first page (5,000 rows) of each table (or of each 40-key batch of a link)
 * is read, as Dataverse's own limit for one query; the paging cookie is answered in Dataverse's form but paging
 * goes by page number.
 */
public final class FetchXmlEngine {

    static final int MAX_ROWS = 5000;
    private static final int KEYS_PER_READ = 40;

    /** Reads rows of a table from the store: {@code options} is an encoded OData query string; answers the OData body. */
    @FunctionalInterface
    public interface RowReader {
        JsonNode read(String logicalName, String options);
    }

    /** What the visitor may read: access per table, and their contact id ({@code null} when anonymous). */
    public record Visitor(java.util.function.Function<String, SitePermissions.Access> access, String contactId) {}

    /** The results object of the Liquid tag: entities and the paging facts. */
    public record Results(
            List<Map<String, Object>> entities,
            String tableName,
            long totalRecordCount,
            boolean totalRecordCountLimitExceeded,
            boolean moreRecords,
            String pagingCookie) {}

    /** A joined row: column values by qualified name ({@code column} for the root, {@code alias.column} for links). */
    private static final class Row {
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, String> lookupTables = new HashMap<>();
        final Map<String, String> formatted = new HashMap<>();

        Row copy() {
            Row copy = new Row();
            copy.values.putAll(values);
            copy.lookupTables.putAll(lookupTables);
            copy.formatted.putAll(formatted);
            return copy;
        }
    }

    private final RowReader reader;
    private final java.util.function.Function<String, String> primaryKey;
    private final BiPredicate<String, String> isLookup;
    private final boolean columnKindsKnown;
    private final Instant now;

    /**
     * @param primaryKey       a table's primary key column ({@code account} → {@code accountid}; {@code task} → {@code activityid})
     * @param isLookup         whether a column of a table is a lookup (what the store's metadata says, else conventions)
     * @param columnKindsKnown whether {@code isLookup} comes from the store's metadata (then {@code null} tests are pushed down)
     */
    public FetchXmlEngine(
            RowReader reader,
            java.util.function.Function<String, String> primaryKey,
            BiPredicate<String, String> isLookup,
            boolean columnKindsKnown,
            Instant now) {
        this.reader = reader;
        this.primaryKey = primaryKey;
        this.isLookup = isLookup;
        this.columnKindsKnown = columnKindsKnown;
        this.now = now;
    }

    public static FetchXml parse(String fetchXml) {
        return FetchXmlParser.parse(fetchXml);
    }

    public Results run(FetchXml fetch, Visitor visitor) {
        FetchXml.Entity root = fetch.root();
        SitePermissions.Access access = visitor.access().apply(root.name());
        if (!access.canRead()
                || access.readLimitedToSelf() && (visitor.contactId() == null || !"contact".equals(root.name()))) {
            return empty(root.name(), fetch);
        }
        boolean simple = root.links().isEmpty()
                && !fetch.aggregate()
                && !fetch.distinct()
                && root.orders().stream().allMatch(order -> order.attribute() != null)
                && fullyTranslated(root.filter(), root.name());
        String pushed = ODataPushdown.filter(
                root.filter(), root.name(), primaryKey.apply(root.name()), isLookup, columnKindsKnown);
        if (access.readLimitedToSelf()) {
            pushed = pushed == null
                    ? "contactid eq " + visitor.contactId()
                    : "(" + pushed + ") and contactid eq " + visitor.contactId();
        }
        StringBuilder options = new StringBuilder();
        append(options, "$filter", pushed);
        Integer wanted = null;
        if (simple) {
            wanted = fetch.top() != null ? fetch.top() : fetch.count() != null ? fetch.page() * fetch.count() : null;
            if (!root.orders().isEmpty()) {
                append(
                        options,
                        "$orderby",
                        String.join(
                                ",",
                                root.orders().stream()
                                        .map(order -> column(root.name(), order.attribute())
                                                + (order.descending() ? " desc" : " asc"))
                                        .toList()));
            }
            if (wanted != null && wanted < MAX_ROWS) {
                append(options, "$top", String.valueOf(wanted + 1));
            }
            if (fetch.totalCount()) {
                append(options, "$count", "true");
            }
        }
        JsonNode body = reader.read(root.name(), options.toString());
        List<Row> rows = new ArrayList<>();
        for (JsonNode json : body.path("value")) {
            Row row = row(json, null, root.name());
            if (!access.readLimitedToSelf()
                    || visitor.contactId().equalsIgnoreCase(String.valueOf(row.values.get("contactid")))) {
                rows.add(row);
            }
        }
        for (FetchXml.Entity link : root.links()) {
            rows = join(rows, null, link, visitor);
        }
        List<Row> matching = new ArrayList<>();
        for (Row row : rows) {
            if (root.filter() == null || matches(root.filter(), row, null)) {
                matching.add(row);
            }
        }
        List<Map<String, Object>> results;
        if (fetch.aggregate()) {
            List<Map<String, Object>> groups = aggregate(fetch, matching);
            sortAggregates(groups, fetch);
            results = groups;
        } else {
            matching.sort(comparator(fetch, primaryKey.apply(root.name())));
            results = new ArrayList<>();
            Set<List<Object>> seen = new HashSet<>();
            Set<String> identity = Set.of("id", "logical_name", primaryKey.apply(root.name()));
            for (Row row : matching) {
                Map<String, Object> entity = entity(row, fetch, primaryKey.apply(root.name()));
                // distinct: rows that are the same in the requested columns count once (the key is not one of them).
                if (!fetch.distinct()
                        || seen.add(new ArrayList<>(entity.entrySet().stream()
                                .filter(entry -> !identity.contains(entry.getKey()))
                                .map(Map.Entry::getValue)
                                .toList()))) {
                    results.add(entity);
                }
            }
        }
        long total = results.size();
        if (simple && body.has("@odata.count")) {
            total = body.get("@odata.count").asLong();
        }
        return page(fetch, results, total);
    }

    private boolean fullyTranslated(FetchXml.Filter filter, String table) {
        if (filter == null) {
            return true;
        }
        if (filter instanceof FetchXml.Condition condition) {
            return ODataPushdown.filter(condition, table, primaryKey.apply(table), isLookup, columnKindsKnown) != null;
        }
        return ((FetchXml.Group) filter).items().stream().allMatch(item -> fullyTranslated(item, table));
    }

    /** Joins a link-entity (and the links under it) onto the rows of its parent (known as {@code parentAlias}). */
    private List<Row> join(List<Row> parents, String parentAlias, FetchXml.Entity link, Visitor visitor) {
        Set<String> keys = new LinkedHashSet<>();
        for (Row parent : parents) {
            Object value = parent.values.get(qualified(parentAlias, link.to()));
            if (value != null) {
                keys.add(key(value));
            }
        }
        Map<String, List<Row>> linkedByKey = new HashMap<>();
        for (Row linked : linkedRows(link, keys, visitor)) {
            Object value = linked.values.get(qualified(link.alias(), link.from()));
            if (value != null) {
                linkedByKey.computeIfAbsent(key(value), k -> new ArrayList<>()).add(linked);
            }
        }
        List<Row> joined = new ArrayList<>();
        for (Row parent : parents) {
            Object value = parent.values.get(qualified(parentAlias, link.to()));
            List<Row> matches = value == null ? List.of() : linkedByKey.getOrDefault(key(value), List.of());
            switch (link.type()) {
                case EXISTS -> {
                    if (!matches.isEmpty()) {
                        joined.add(parent);
                    }
                }
                case NOT_ANY -> {
                    if (matches.isEmpty()) {
                        joined.add(parent);
                    }
                }
                default -> {
                    if (matches.isEmpty() && link.type() == FetchXml.LinkType.OUTER) {
                        joined.add(parent);
                    }
                    for (Row match : matches) {
                        Row combined = parent.copy();
                        combined.values.putAll(match.values);
                        combined.lookupTables.putAll(match.lookupTables);
                        combined.formatted.putAll(match.formatted);
                        joined.add(combined);
                    }
                }
            }
        }
        return joined;
    }

    /** The linked table's readable rows whose {@code from} column holds one of the keys, with their own links and filter applied. */
    private List<Row> linkedRows(FetchXml.Entity link, Set<String> keys, Visitor visitor) {
        SitePermissions.Access access = visitor.access().apply(link.name());
        if (keys.isEmpty()
                || !access.canRead()
                || access.readLimitedToSelf() && (visitor.contactId() == null || !"contact".equals(link.name()))) {
            return List.of();
        }
        String own = ODataPushdown.filter(
                link.filter(), link.name(), primaryKey.apply(link.name()), isLookup, columnKindsKnown);
        List<String> keyList = new ArrayList<>(keys);
        List<Row> rows = new ArrayList<>();
        String fromColumn = column(link.name(), link.from());
        boolean guidKeys = keyList.stream()
                .allMatch(key -> key.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        for (int start = 0; start < keyList.size(); start += KEYS_PER_READ) {
            List<String> batch = keyList.subList(start, Math.min(keyList.size(), start + KEYS_PER_READ));
            String keyFilter = guidKeys
                    ? "("
                            + String.join(
                                    " or ",
                                    batch.stream()
                                            .map(key -> fromColumn + " eq " + key)
                                            .toList()) + ")"
                    : null; // keys of other types are matched here, after reading
            String filter = keyFilter == null ? own : own == null ? keyFilter : keyFilter + " and " + own;
            StringBuilder options = new StringBuilder();
            append(options, "$filter", filter);
            for (JsonNode json : reader.read(link.name(), options.toString()).path("value")) {
                Row row = row(json, link.alias(), link.name());
                Object from = row.values.get(qualified(link.alias(), link.from()));
                boolean own_row = !access.readLimitedToSelf()
                        || visitor.contactId()
                                .equalsIgnoreCase(String.valueOf(row.values.get(qualified(link.alias(), "contactid"))));
                if (from != null && keys.contains(key(from)) && own_row) {
                    rows.add(row);
                }
            }
            if (!guidKeys) {
                break; // one read covers every key
            }
        }
        for (FetchXml.Entity nested : link.links()) {
            rows = join(rows, link.alias(), nested, visitor);
        }
        if (link.filter() != null) {
            rows.removeIf(row -> !matches(link.filter(), row, link.alias()));
        }
        return rows;
    }

    private boolean matches(FetchXml.Filter filter, Row row, String alias) {
        if (filter instanceof FetchXml.Condition condition) {
            String entity = condition.entityName() != null ? condition.entityName() : alias;
            Object actual = row.values.get(qualified(entity, condition.attribute()));
            Object other = condition.valueOf() == null ? null : row.values.get(qualified(entity, condition.valueOf()));
            return FetchXmlConditions.matches(
                    condition.operator(), actual, condition.values(), condition.valueOf() != null, other, now);
        }
        FetchXml.Group group = (FetchXml.Group) filter;
        if (group.items().isEmpty()) {
            return true;
        }
        for (FetchXml.Filter item : group.items()) {
            boolean match = matches(item, row, alias);
            if (group.or() && match) {
                return true;
            }
            if (!group.or() && !match) {
                return false;
            }
        }
        return !group.or();
    }

    /** Root orders, then each link's orders (by {@code alias.column}), then the root's key. */
    private static Comparator<Row> comparator(FetchXml fetch, String primaryKey) {
        List<Comparator<Row>> orders = new ArrayList<>();
        addOrders(orders, fetch.root());
        orders.add((a, b) -> FetchXmlConditions.order(a.values.get(primaryKey), b.values.get(primaryKey)));
        return (a, b) -> {
            for (Comparator<Row> order : orders) {
                int compared = order.compare(a, b);
                if (compared != 0) {
                    return compared;
                }
            }
            return 0;
        };
    }

    private static void addOrders(List<Comparator<Row>> orders, FetchXml.Entity entity) {
        for (FetchXml.Order order : entity.orders()) {
            String key = order.attribute() != null ? qualified(entity.alias(), order.attribute()) : order.alias();
            Comparator<Row> comparator = (a, b) -> FetchXmlConditions.order(a.values.get(key), b.values.get(key));
            orders.add(order.descending() ? comparator.reversed() : comparator);
        }
        entity.links().forEach(link -> addOrders(orders, link));
    }

    private List<Map<String, Object>> aggregate(FetchXml fetch, List<Row> rows) {
        List<AttributeOf> attributes = new ArrayList<>();
        collectAttributes(fetch.root(), attributes);
        List<AttributeOf> groupBys = attributes.stream()
                .filter(attribute -> attribute.attribute().groupBy())
                .toList();
        Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Object> key = new ArrayList<>();
            for (AttributeOf groupBy : groupBys) {
                key.add(grouped(
                        row.values.get(groupBy.key()), groupBy.attribute().dateGrouping()));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        if (groups.isEmpty() && groupBys.isEmpty()) {
            groups.put(List.of(), List.of()); // an aggregate over no rows still answers one row (count 0)
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Row>> group : groups.entrySet()) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (int i = 0; i < groupBys.size(); i++) {
                Object value = group.getKey().get(i);
                AttributeOf groupBy = groupBys.get(i);
                Row first = group.getValue().get(0);
                result.put(
                        groupBy.attribute().alias(),
                        groupBy.attribute().dateGrouping() == null ? liquidValue(first, groupBy.key(), value) : value);
            }
            for (AttributeOf attribute : attributes) {
                if (attribute.attribute().aggregate() != null) {
                    result.put(attribute.attribute().alias(), aggregateValue(attribute, group.getValue()));
                }
            }
            results.add(result);
        }
        return results;
    }

    private record AttributeOf(String key, FetchXml.Attribute attribute) {}

    private static void collectAttributes(FetchXml.Entity entity, List<AttributeOf> attributes) {
        for (FetchXml.Attribute attribute : entity.attributes()) {
            attributes.add(new AttributeOf(qualified(entity.alias(), attribute.name()), attribute));
        }
        entity.links().forEach(link -> collectAttributes(link, attributes));
    }

    private static Object aggregateValue(AttributeOf attribute, List<Row> rows) {
        String function = attribute.attribute().aggregate();
        if (function.equals("count")) {
            return (long) rows.size();
        }
        List<Object> values = new ArrayList<>();
        for (Row row : rows) {
            Object value = row.values.get(attribute.key());
            if (value != null) {
                values.add(value);
            }
        }
        if (attribute.attribute().distinct()) {
            values = new ArrayList<>(
                    new LinkedHashSet<>(values.stream().map(FetchXmlEngine::key).toList()));
        }
        if (function.equals("countcolumn")) {
            return (long) values.size();
        }
        if (values.isEmpty()) {
            return null;
        }
        if (function.equals("min") || function.equals("max")) {
            Object best = values.get(0);
            for (Object value : values) {
                int compared = FetchXmlConditions.order(value, best);
                if (function.equals("min") ? compared < 0 : compared > 0) {
                    best = value;
                }
            }
            return best;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Object value : values) {
            try {
                sum = sum.add(new BigDecimal(String.valueOf(value)));
            } catch (NumberFormatException ex) {
                throw new FetchXmlException("The " + function + " of "
                        + attribute.attribute().name() + " needs numbers, not '" + value + "'.");
            }
        }
        BigDecimal result =
                function.equals("sum") ? sum : sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
        result = result.stripTrailingZeros();
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    /** A group-by value; with {@code dategrouping}, the date's day, week, month, quarter or year number (UTC). */
    private static Object grouped(Object value, String dateGrouping) {
        if (dateGrouping == null || value == null) {
            return value == null ? null : value instanceof String text ? text : value;
        }
        Instant instant = FetchXmlConditions.instant(String.valueOf(value));
        if (instant == null) {
            return null;
        }
        ZonedDateTime date = instant.atZone(ZoneOffset.UTC);
        return (long)
                switch (dateGrouping) {
                    case "day" -> date.getDayOfMonth();
                    case "week" -> date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                    case "month", "fiscal-period" -> date.getMonthValue();
                    case "quarter" -> date.get(IsoFields.QUARTER_OF_YEAR);
                    default -> date.getYear();
                };
    }

    private static void sortAggregates(List<Map<String, Object>> groups, FetchXml fetch) {
        List<FetchXml.Order> orders = new ArrayList<>(fetch.root().orders());
        fetch.root().links().forEach(link -> orders.addAll(link.orders()));
        groups.sort((a, b) -> {
            for (FetchXml.Order order : orders) {
                String key = order.alias() != null ? order.alias() : order.attribute();
                int compared = FetchXmlConditions.order(plain(a.get(key)), plain(b.get(key)));
                if (compared != 0) {
                    return order.descending() ? -compared : compared;
                }
            }
            return 0;
        });
    }

    private static Object plain(Object value) {
        return value instanceof Map<?, ?> map ? map.get("id") : value;
    }

    /** The entity object of a row: the requested columns (lookups as references), linked columns as {@code alias.column}. */
    private static Map<String, Object> entity(Row row, FetchXml fetch, String primaryKey) {
        Map<String, Object> entity = new LinkedHashMap<>();
        addColumns(entity, row, fetch.root());
        Object id = row.values.get(primaryKey);
        entity.putIfAbsent(primaryKey, id);
        entity.put("id", id);
        entity.put("logical_name", fetch.root().name());
        return entity;
    }

    private static void addColumns(Map<String, Object> entity, Row row, FetchXml.Entity source) {
        boolean all = source.allAttributes()
                || source.alias() == null && source.attributes().isEmpty();
        if (source.type().addsColumns()) {
            if (all) {
                String prefix = source.alias() == null ? "" : source.alias() + ".";
                for (Map.Entry<String, Object> value : row.values.entrySet()) {
                    String key = value.getKey();
                    boolean mine = source.alias() == null
                            ? !key.contains(".")
                            : key.startsWith(prefix) && key.indexOf('.', prefix.length()) < 0;
                    if (mine && !key.startsWith(prefix + "_")) {
                        entity.put(key, liquidValue(row, key, value.getValue()));
                    }
                }
            }
            for (FetchXml.Attribute attribute : source.attributes()) {
                String key = qualified(source.alias(), attribute.name());
                entity.put(attribute.resultName(source.alias()), liquidValue(row, key, row.values.get(key)));
            }
        }
        source.links().forEach(link -> addColumns(entity, row, link));
    }

    /**
     * A lookup becomes a reference object ({@code id}, {@code Id}, {@code logical_name}, {@code name}), a choice an
     * option-set object ({@link OptionSetValue}); other values stay.
     */
    private static Object liquidValue(Row row, String key, Object value) {
        if (value instanceof Long number && !row.lookupTables.containsKey(key)) {
            // A whole number whose formatted value is not the number itself is a choice and that value its label: the
            // store formats other whole numbers as "9,500", and $metadata types both as Edm.Int32, as Dataverse does.
            String label = row.formatted.get(key);
            return label != null && !label.equals(String.format(Locale.US, "%,d", number))
                    ? new OptionSetValue(number, label)
                    : value;
        }
        if (value == null || !row.lookupTables.containsKey(key)) {
            return value;
        }
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("id", value);
        reference.put("Id", value);
        reference.put("logical_name", row.lookupTables.get(key));
        reference.put("name", row.formatted.get(key));
        return reference;
    }

    /** A row of the store's answer as qualified values; {@code _x_value} lookups are known as {@code x}. */
    private Row row(JsonNode json, String alias, String table) {
        Row row = new Row();
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            String name = property.getKey();
            if (name.startsWith("@") || FetchXmlTag.HIDDEN_COLUMNS.contains(name)) {
                continue;
            }
            int annotation = name.indexOf('@');
            String column = annotation < 0 ? name : name.substring(0, annotation);
            boolean lookup = column.startsWith("_") && column.endsWith("_value") && column.length() > 7;
            String logical = lookup ? column.substring(1, column.length() - 6) : column;
            String key = qualified(alias, logical.toLowerCase(Locale.ROOT));
            if (annotation >= 0) {
                String kind = name.substring(annotation + 1);
                if (kind.equals("Microsoft.Dynamics.CRM.lookuplogicalname")) {
                    row.lookupTables.put(key, property.getValue().asString());
                } else if (kind.equals("OData.Community.Display.V1.FormattedValue")) {
                    row.formatted.put(key, property.getValue().asString());
                }
                continue;
            }
            row.values.put(key, value(property.getValue()));
            if (lookup) {
                row.lookupTables.putIfAbsent(key, null);
            }
        }
        return row;
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

    private Results page(FetchXml fetch, List<Map<String, Object>> results, long total) {
        List<Map<String, Object>> page;
        boolean more;
        if (fetch.top() != null) {
            page = results.subList(0, Math.min(results.size(), fetch.top()));
            more = results.size() > fetch.top();
        } else {
            int size = fetch.count() != null ? fetch.count() : MAX_ROWS;
            int from = (int) Math.min(results.size(), (long) (fetch.page() - 1) * size);
            page = results.subList(from, Math.min(results.size(), from + size));
            more = results.size() > from + size;
        }
        return new Results(
                List.copyOf(page),
                fetch.root().name(),
                fetch.totalCount() ? Math.min(total, MAX_ROWS) : -1,
                fetch.totalCount() && total > MAX_ROWS,
                more,
                pagingCookie(fetch, page, primaryKey.apply(fetch.root().name())));
    }

    /** Dataverse's paging cookie: {@code <cookie page="2"><accountid last="{…}" first="{…}" /></cookie>}. */
    private static String pagingCookie(FetchXml fetch, List<Map<String, Object>> page, String primaryKey) {
        if (page.isEmpty() || fetch.aggregate()) {
            return null;
        }
        return "<cookie page=\"" + fetch.page() + "\"><" + primaryKey + " last=\"{"
                + upper(page.get(page.size() - 1).get("id")) + "}\" first=\"{"
                + upper(page.get(0).get("id")) + "}\" /></cookie>";
    }

    private static String upper(Object id) {
        return String.valueOf(id).toUpperCase(Locale.ROOT);
    }

    private static Results empty(String table, FetchXml fetch) {
        return new Results(List.of(), table, fetch.totalCount() ? 0 : -1, false, false, null);
    }

    private String column(String table, String column) {
        return !column.equals(primaryKey.apply(table)) && isLookup.test(table, column)
                ? "_" + column + "_value"
                : column;
    }

    private static String qualified(String alias, String column) {
        return alias == null ? column : alias + "." + column;
    }

    /** Join keys compare without regard to case (GUIDs, text), as Dataverse's do. */
    private static String key(Object value) {
        String text = String.valueOf(value);
        return value instanceof BigDecimal number
                ? number.stripTrailingZeros().toPlainString()
                : text.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
    }

    private static void append(StringBuilder options, String name, String value) {
        if (value != null) {
            options.append(options.isEmpty() ? "" : "&")
                    .append(name)
                    .append('=')
                    .append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
        }
    }
}
