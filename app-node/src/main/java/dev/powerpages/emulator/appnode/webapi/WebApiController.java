package dev.powerpages.emulator.appnode.webapi;

import dev.powerpages.emulator.appnode.antiforgery.AntiForgery;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portals Web API for the site's visitors, as real sites' scripts call it through Microsoft's {@code safeAjax}
 * wrapper: {@code GET /_api/accounts?$select=name&$filter=…&$expand=primarycontactid($select=fullname)&$top=5},
 * {@code GET /_api/accounts(<id>)}, {@code GET /_api/accounts/$count}, {@code POST /_api/accounts},
 * {@code PATCH /_api/accounts(<id>)}, {@code PUT /_api/accounts(<id>)/name} ({@code {"value": …}}),
 * {@code DELETE /_api/accounts(<id>)} and {@code DELETE /_api/accounts(<id>)/description} (clears the column).
 *
 * <p>What governs a call, in the order Power Pages checks it ("Portals Web API overview", "Compose HTTP requests and
 * handle errors for the portals Web API", Power Pages docs):
 * <ol>
 * <li>a write (POST, PATCH, PUT, DELETE) carries the anti-forgery token ({@link AntiForgery}): else 401
 *     {@code 90040107} HttpAntiForgeryException — reads need none, as a visitor may open a GET in the browser;</li>
 * <li>the table is exposed: site setting {@code Webapi/<logical name>/enabled} true, and not one of the configuration
 *     tables the docs list as unsupported — else 404 {@code 9004010C} "Resource not found for the segment …";</li>
 * <li>{@code Webapi/<table>/fields} lists the columns read ({@code $select}, and the default selection without it) and
 *     written — else 403 {@code 90040101} "Attribute {0} in table {1} is not enabled for Web Api.";</li>
 * <li>the visitor's web roles grant the privilege (table permissions, {@link SitePermissions}): read 403
 *     {@code 90040120}, create {@code 90040103}, update {@code 90040102}, delete {@code 90040104}; an {@code $expand}ed
 *     table needs read too.</li>
 * </ol>
 * The store's own refusals come back as 4xx {@code 9004010D} "CDS error occurred." (Dataverse's code and message in
 * {@code innererror} when {@code Webapi/error/innererror} is true). Reads are cached per user
 * ({@link BusinessDataCache}); answers name the site's own Web API in their OData links ({@link SiteApiLinks}).
 * Not emulated: {@code $ref} association (501), calling actions and functions.
 */
@RestController
@RequestMapping("/_api")
class WebApiController {

    static final String ANONYMOUS = "anonymous";
    static final String SERVICE_UNAVAILABLE = "90040100";
    static final String ATTRIBUTE_NOT_ENABLED = "90040101";
    static final String UPDATE_PERMISSION_MISSING = "90040102";
    static final String CREATE_PERMISSION_MISSING = "90040103";
    static final String DELETE_PERMISSION_MISSING = "90040104";
    static final String ANTI_FORGERY_FAILED = "90040107";
    static final String READ_PERMISSION_MISSING = "90040120";
    static final String UNEXPECTED_ERROR = "9004010A";
    static final String RESOURCE_NOT_FOUND = "9004010C";
    static final String CDS_ERROR = "9004010D";
    /** Columns the Web API never reads, filters or returns, whatever the settings: a contact's password hash. */
    static final Set<String> PRIVATE_COLUMNS = Set.of("adx_identity_passwordhash");
    /** "Unsupported configuration tables" of the Web API overview: never exposed, whatever the site settings say. */
    static final Set<String> CONFIGURATION_TABLES = Set.of(
            "adx_contentaccesslevel",
            "adx_contentsnippet",
            "adx_entityform",
            "adx_entityformmetadata",
            "adx_entitylist",
            "adx_entitypermission",
            "adx_entitypermission_webrole",
            "adx_externalidentity",
            "adx_pagealert",
            "adx_pagenotification",
            "adx_pagetag",
            "adx_pagetag_webpage",
            "adx_pagetemplate",
            "adx_portallanguage",
            "adx_publishingstate",
            "adx_publishingstatetransitionrule",
            "adx_publishingstatetransitionrule_webrole",
            "adx_redirect",
            "adx_setting",
            "adx_shortcut",
            "adx_sitemarker",
            "adx_sitesetting",
            "adx_urlhistory",
            "adx_webfile",
            "adx_webfilelog",
            "adx_webform",
            "adx_webformmetadata",
            "adx_webformsession",
            "adx_webformstep",
            "adx_weblink",
            "adx_weblinkset",
            "adx_webnotificationentity",
            "adx_webnotificationurl",
            "adx_webpage",
            "adx_webpage_tag",
            "adx_webpageaccesscontrolrule",
            "adx_webpageaccesscontrolrule_webrole",
            "adx_webpagehistory",
            "adx_webpagelog",
            "adx_webrole_systemuser",
            "adx_website",
            "adx_website_list",
            "adx_website_sponsor",
            "adx_websiteaccess",
            "adx_websiteaccess_webrole",
            "adx_websitebinding",
            "adx_websitelanguage",
            "adx_webtemplate");

    private static final Pattern RESOURCE = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*)(?:\\(([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\\))?");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** {@code $skiptoken} comes from the store's own {@code @odata.nextLink}, which a visitor follows (opaque to the node). */
    private static final List<String> PASSED_OPTIONS =
            List.of("$select", "$filter", "$top", "$orderby", "$expand", "$count", "$skiptoken");

    private static final Set<String> KNOWN_OPTIONS = Set.of(
            "$select",
            "$filter",
            "$top",
            "$orderby",
            "$expand",
            "$count",
            "$skip",
            "$apply",
            "$search",
            "$skiptoken",
            "$format");

    private final SiteCache siteCache;
    private final StoreClient store;
    private final BusinessDataCache cache;
    private final TableCatalog catalog;
    private final AntiForgery antiForgery;
    private final org.springframework.beans.factory.ObjectProvider<FetchXmlQueries> fetchXml;
    private final JsonMapper json = JsonMapper.builder().build();

    WebApiController(
            SiteCache siteCache,
            StoreClient store,
            BusinessDataCache cache,
            TableCatalog catalog,
            AntiForgery antiForgery,
            org.springframework.beans.factory.ObjectProvider<FetchXmlQueries> fetchXml) {
        this.siteCache = siteCache;
        this.store = store;
        this.cache = cache;
        this.catalog = catalog;
        this.antiForgery = antiForgery;
        this.fetchXml = fetchXml;
    }

    /** One call's table, row and visitor, resolved and checked against the site's Web API settings. */
    private record Call(
            SiteSnapshot site,
            WebApiSettings settings,
            SiteUser user,
            String entitySet,
            String table,
            String rowId,
            SitePermissions.Access access) {

        String resourcePath() {
            return rowId == null ? entitySet : entitySet + "(" + rowId + ")";
        }

        boolean ownContactRow() {
            return "contact".equals(table) && user != null && rowId != null && rowId.equals(user.contactId());
        }
    }

    @GetMapping("/{resource}")
    ResponseEntity<?> read(@PathVariable String resource, HttpServletRequest request) {
        Call call = call(resource, request, false);
        if (request.getParameter("fetchXml") != null) {
            return fetchXml(call, request.getParameter("fetchXml"), request);
        }
        if (!call.access().canRead()) {
            throw readForbidden(call.table());
        }
        String selfFilter = null;
        if (call.access().readLimitedToSelf()) {
            // Self scope: the signed-in contact's own row only.
            if (call.user() == null || call.rowId() != null && !call.ownContactRow()) {
                throw readForbidden(call.table());
            }
            selfFilter = call.rowId() == null ? "contactid eq " + call.user().contactId() : null;
        }
        String options = options(request, call, selfFilter);
        String resourcePath = call.resourcePath();
        AnnotationPreference annotations = AnnotationPreference.of(request);
        // An annotated answer is cached apart from the plain one.
        String cached = resourcePath + "?" + options + (annotations == null ? "" : "#" + annotations.header());
        JsonNode body = storeCall(
                call,
                () -> cache.get(
                        new BusinessDataCache.Key(cacheUser(call), call.entitySet(), cached),
                        () -> storeAnswer(resourcePath, options, annotations)));
        // Rebased per request, after the cache: the same cached answer may be read under another host name.
        body = SiteApiLinks.rebase(body, siteApiRoot(request));
        return privateJson(annotations).body(body);
    }

    /**
     * The store's answer without the private columns; with the visitor's annotations the store formats the values and
     * names the lookups, and only the annotations of the columns the answer shows are kept (Webapi/<table>/fields,
     * never the private ones).
     */
    private JsonNode storeAnswer(String resourcePath, String options, AnnotationPreference annotations) {
        if (annotations == null) {
            return withoutPrivateColumns(store.query(resourcePath, options));
        }
        return annotations.filter(
                withoutPrivateColumns(store.query(resourcePath, options, annotations.header())), PRIVATE_COLUMNS);
    }

    /** A JSON answer of per-user data (a shared cache, the CDN, must not keep it), naming the annotations applied. */
    private static ResponseEntity.BodyBuilder privateJson(AnnotationPreference annotations) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .cacheControl(CacheControl.noStore().cachePrivate())
                .contentType(MediaType.APPLICATION_JSON);
        if (annotations != null) {
            response.header("Preference-Applied", annotations.header());
        }
        return response;
    }

    /**
     * {@code GET /_api/accounts?fetchXml=<fetch …>}: the query runs through the FetchXML engine with the visitor's table
     * permissions; its entity must be the addressed table, and the columns it names must be listed in
     * {@code Webapi/<table>/fields} (a query naming none answers those fields).
     */
    private ResponseEntity<?> fetchXml(Call call, String xml, HttpServletRequest request) {
        if (call.rowId() != null) {
            throw new WebApiException(
                    HttpStatus.BAD_REQUEST,
                    UNEXPECTED_ERROR,
                    "fetchXml is passed to a table's collection, such as /_api/" + call.entitySet() + ".");
        }
        if (!call.access().canRead()) {
            throw readForbidden(call.table());
        }
        FetchXmlQueries queries = fetchXml.getIfAvailable();
        if (queries == null) {
            throw new WebApiException(
                    HttpStatus.NOT_IMPLEMENTED, UNEXPECTED_ERROR, "fetchXml queries are not available.");
        }
        FetchXmlQueries.Result result;
        try {
            result = storeCall(call, () -> queries.run(xml, call.site(), call.user()));
        } catch (IllegalArgumentException ex) {
            throw new WebApiException(HttpStatus.BAD_REQUEST, UNEXPECTED_ERROR, ex.getMessage());
        }
        if (!result.table().equals(call.table())) {
            throw new WebApiException(
                    HttpStatus.BAD_REQUEST,
                    UNEXPECTED_ERROR,
                    "The fetchXml queries " + result.table() + " but is sent to /_api/" + call.entitySet() + ".");
        }
        Set<String> fields = call.settings().fields(call.table());
        String primaryKey = catalog.primaryKey(call.table());
        if (result.columns() != null) {
            for (String column : result.columns()) {
                if (!column.equals(primaryKey) && !fields.contains(column)) {
                    throw attributeNotEnabled(column, call.table());
                }
            }
        }
        AnnotationPreference annotations = AnnotationPreference.of(request);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            Map<String, Object> answered = new java.util.LinkedHashMap<>();
            row.forEach((column, value) -> {
                if (column.indexOf('@') > 0) {
                    return; // annotations below, once the columns shown are known
                }
                String plain = column.startsWith("_") && column.contains("_value")
                        ? column.substring(1, column.indexOf("_value"))
                        : column;
                boolean listed = result.columns() != null
                        || column.contains(".")
                        || plain.equals(primaryKey)
                        || fields.contains(plain);
                if (listed && !PRIVATE_COLUMNS.contains(column)) {
                    answered.put(column, value);
                }
            });
            if (annotations != null) {
                // An annotation only when asked, and only beside a column the answer shows, just before it.
                Map<String, Object> annotated = new java.util.LinkedHashMap<>();
                row.forEach((column, value) -> {
                    int at = column.indexOf('@');
                    if (at > 0
                            && answered.containsKey(column.substring(0, at))
                            && annotations.includes(column.substring(at + 1))) {
                        annotated.put(column, value);
                    } else if (answered.containsKey(column)) {
                        annotated.put(column, answered.get(column));
                    }
                });
                rows.add(annotated);
            } else {
                rows.add(answered);
            }
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("@odata.context", siteApiRoot(request) + "/$metadata#" + call.entitySet());
        body.put("value", rows);
        return privateJson(annotations).body(body);
    }

    /** {@code GET /_api/accounts/$count}: the number of rows the visitor may read, as text (Dataverse stops at 5,000). */
    @GetMapping("/{resource}/{segment}")
    ResponseEntity<?> readSegment(
            @PathVariable String resource, @PathVariable String segment, HttpServletRequest request) {
        if (!"$count".equals(segment)) {
            throw new WebApiException(
                    HttpStatus.NOT_IMPLEMENTED,
                    UNEXPECTED_ERROR,
                    "Reading '" + segment + "' of a record is not supported by the emulator's Web API; use $select.");
        }
        Call call = call(resource, request, false);
        if (call.rowId() != null) {
            throw notFound(resource + "/" + segment);
        }
        if (!call.access().canRead()) {
            throw readForbidden(call.table());
        }
        String filter = call.access().readLimitedToSelf()
                ? (call.user() == null
                        ? "contactid eq null"
                        : "contactid eq " + call.user().contactId())
                : null;
        String options = "$count=true&$top=0"
                + (filter == null ? "" : "&$filter=" + UriUtils.encodeQueryParam(filter, StandardCharsets.UTF_8));
        JsonNode body = storeCall(
                call,
                () -> cache.get(
                        new BusinessDataCache.Key(
                                cacheUser(call), call.entitySet(), call.entitySet() + "/$count?" + options),
                        () -> store.query(call.entitySet(), options)));
        long count = Math.min(5000, body.path("@odata.count").asLong(0));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore().cachePrivate())
                .contentType(MediaType.TEXT_PLAIN)
                .body(String.valueOf(count));
    }

    @PostMapping("/{resource}")
    ResponseEntity<?> create(
            @PathVariable String resource, @RequestBody(required = false) String body, HttpServletRequest request) {
        Call call = call(resource, request, true);
        if (call.rowId() != null) {
            throw new WebApiException(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    UNEXPECTED_ERROR,
                    "Records are created on a table's collection, such as /_api/" + call.entitySet() + ".");
        }
        if (!call.access().global().create()) {
            throw new WebApiException(
                    HttpStatus.FORBIDDEN,
                    CREATE_PERMISSION_MISSING,
                    "You don't have permission to create " + call.table() + " entity.");
        }
        ObjectNode fields = jsonObject(body, "The request body must be a JSON object of the new record's columns.");
        if (fields.isEmpty()) {
            throw new WebApiException(HttpStatus.BAD_REQUEST, "900400FF", "No attributes for Create Table action.");
        }
        checkWritable(call, fields);
        String entityId =
                storeCall(call, () -> store.create(call.entitySet(), fields).orElse(null));
        cache.clearTable(call.entitySet());
        ResponseEntity.BodyBuilder created = ResponseEntity.status(HttpStatus.NO_CONTENT);
        if (entityId != null && entityId.contains("(")) {
            // Power Pages answers the new record's address on the site's own Web API, and its id as "entityid"
            // (Microsoft's samples read xhr.getResponseHeader("entityid")).
            String key = entityId.substring(
                    entityId.lastIndexOf('(') + 1,
                    entityId.lastIndexOf(')') > 0 ? entityId.lastIndexOf(')') : entityId.length());
            created.header("OData-EntityId", siteApiRoot(request) + "/" + call.entitySet() + "(" + key + ")");
            created.header("entityid", key);
        }
        return created.build();
    }

    @PatchMapping("/{resource}")
    ResponseEntity<?> update(
            @PathVariable String resource, @RequestBody(required = false) String body, HttpServletRequest request) {
        Call call = call(resource, request, true);
        ObjectNode fields = jsonObject(body, "The request body must be a JSON object of the columns to change.");
        return write(call, fields);
    }

    /** {@code PUT /_api/accounts(<id>)/name} with {@code {"value": …}}: one column ("Update a single property value"). */
    @PutMapping("/{resource}/{column}")
    ResponseEntity<?> updateColumn(
            @PathVariable String resource,
            @PathVariable String column,
            @RequestBody(required = false) String body,
            HttpServletRequest request) {
        Call call = call(resource, request, true);
        ObjectNode value = jsonObject(body, "The request body must be {\"value\": …}.");
        if (!value.has("value")) {
            throw new WebApiException(
                    HttpStatus.BAD_REQUEST, UNEXPECTED_ERROR, "The request body must be {\"value\": …}.");
        }
        ObjectNode fields = json.createObjectNode();
        fields.set(column(column), value.get("value"));
        return write(call, fields);
    }

    @DeleteMapping("/{resource}")
    ResponseEntity<?> delete(@PathVariable String resource, HttpServletRequest request) {
        Call call = call(resource, request, true);
        requireRow(call, "DELETE");
        boolean allowed =
                call.access().global().delete() || call.access().self().delete() && call.ownContactRow();
        if (!allowed) {
            throw new WebApiException(
                    HttpStatus.FORBIDDEN,
                    DELETE_PERMISSION_MISSING,
                    "You don't have permission to delete " + call.table() + " entity.");
        }
        storeCall(call, () -> {
            store.delete(call.resourcePath());
            return null;
        });
        cache.clearTable(call.entitySet());
        return ResponseEntity.noContent().build();
    }

    /** {@code DELETE /_api/accounts(<id>)/description}: "Delete or clear a field value". */
    @DeleteMapping("/{resource}/{column}")
    ResponseEntity<?> clearColumn(
            @PathVariable String resource, @PathVariable String column, HttpServletRequest request) {
        Call call = call(resource, request, true);
        ObjectNode fields = json.createObjectNode();
        fields.putNull(column(column));
        return write(call, fields);
    }

    /** Associating and disassociating through {@code $ref} is not emulated: 501, as Power Pages answers what it does not implement. */
    @RequestMapping("/{resource}/{navigation}/$ref")
    ResponseEntity<?> reference(@PathVariable String resource, @PathVariable String navigation) {
        throw new WebApiException(
                HttpStatus.NOT_IMPLEMENTED,
                UNEXPECTED_ERROR,
                "Associating records through $ref is not supported by the emulator's Web API; use \"" + navigation
                        + "@odata.bind\" in a POST or PATCH.");
    }

    private ResponseEntity<?> write(Call call, ObjectNode fields) {
        requireRow(call, "PATCH");
        boolean allowed = call.access().global().write() || call.access().self().write() && call.ownContactRow();
        if (!allowed) {
            throw new WebApiException(
                    HttpStatus.FORBIDDEN,
                    UPDATE_PERMISSION_MISSING,
                    "You don't have permission to update " + call.table() + " entity.");
        }
        checkWritable(call, fields);
        // A PATCH of a missing row is an upsert in Dataverse: only a visitor who may also create gets that.
        boolean mustExist = !call.access().global().create();
        storeCall(call, () -> {
            store.update(call.resourcePath(), fields, mustExist);
            return null;
        });
        cache.clearTable(call.entitySet());
        return ResponseEntity.noContent().build();
    }

    private static void requireRow(Call call, String method) {
        if (call.rowId() == null) {
            // "405 Method Not Allowed: you can't use DELETE or PATCH on a collection of tables."
            throw new WebApiException(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    UNEXPECTED_ERROR,
                    method + " is not allowed on a collection; address one record, such as /_api/" + call.entitySet()
                            + "(<id>).");
        }
    }

    /**
     * Resolves the resource and checks what every call must pass: the site is loaded, a write carries the
     * anti-forgery token, the table is exposed and has its fields listed.
     */
    private Call call(String resource, HttpServletRequest request, boolean write) {
        Matcher matcher = RESOURCE.matcher(resource);
        if (!matcher.matches()) {
            throw notFound(resource);
        }
        SiteSnapshot site = siteCache
                .current()
                .orElseThrow(() -> new WebApiException(
                        HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, "The site is not loaded yet."));
        if (write && !antiForgery.valid(request)) {
            throw new WebApiException(
                    HttpStatus.UNAUTHORIZED,
                    ANTI_FORGERY_FAILED,
                    "The anti-forgery cookie token and form field token do not match.");
        }
        String entitySet = matcher.group(1);
        String table = catalog.logicalName(entitySet);
        WebApiSettings settings = new WebApiSettings(site);
        if (CONFIGURATION_TABLES.contains(table) || !settings.enabled(table)) {
            throw notFound(entitySet);
        }
        Set<String> fields = settings.fields(table);
        if (fields.isEmpty()) {
            throw new WebApiException(
                    HttpStatus.FORBIDDEN, ATTRIBUTE_NOT_ENABLED, "No fields defined for this entity.");
        }
        if (fields.contains(WebApiSettings.WILDCARD)) {
            throw new WebApiException(
                    HttpStatus.FORBIDDEN,
                    ATTRIBUTE_NOT_ENABLED,
                    "The wildcard (*) in the site setting Webapi/" + table
                            + "/fields is no longer supported: list the columns the site uses.");
        }
        SiteUser user = SiteUser.current(request).orElse(null);
        String rowId = matcher.group(2) == null ? null : matcher.group(2).toLowerCase(Locale.ROOT);
        return new Call(site, settings, user, entitySet, table, rowId, access(site, user, table));
    }

    /** Body columns (and {@code x@odata.bind} navigation properties) must be listed in {@code Webapi/<table>/fields}. */
    private void checkWritable(Call call, ObjectNode fields) {
        Set<String> allowed = call.settings().fields(call.table());
        for (String name : fields.propertyNames()) {
            if (name.startsWith("@")) {
                continue;
            }
            String column = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
            String lower = column.toLowerCase(Locale.ROOT);
            // A polymorphic lookup binds through <lookup>_<table> (parentcustomerid_account@odata.bind).
            boolean listed = allowed.contains(lower)
                    || lower.contains("_") && allowed.contains(lower.substring(0, lower.lastIndexOf('_')));
            if (!listed || PRIVATE_COLUMNS.contains(lower)) {
                throw attributeNotEnabled(column, call.table());
            }
        }
    }

    /**
     * The query options passed on, re-encoded: {@code $select} (or, without it, the table's listed fields) checked
     * against {@code Webapi/<table>/fields}, {@code $expand}ed tables checked as the table itself is; options the
     * emulator does not pass on are refused rather than silently dropped.
     */
    private String options(HttpServletRequest request, Call call, String extraFilter) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("$")) {
                continue; // cache busters and the like are not OData options; fetchXml is answered before
            }
            if (!PASSED_OPTIONS.contains(name)) {
                throw new WebApiException(
                        HttpStatus.BAD_REQUEST,
                        UNEXPECTED_ERROR,
                        (KNOWN_OPTIONS.contains(name) ? "The query option " : "Unknown query option ") + name
                                + " is not supported by the emulator's Web API; use $select, $filter, $top, $orderby, $expand or $count"
                                + " (and the $skiptoken of an @odata.nextLink).");
            }
            if ("$top".equals(name) && !parameter.getValue()[0].matches("\\d{1,9}")) {
                throw new WebApiException(
                        HttpStatus.BAD_REQUEST, UNEXPECTED_ERROR, "$top must be a non-negative integer.");
            }
            for (String column : PRIVATE_COLUMNS) {
                if (parameter.getValue()[0].toLowerCase(Locale.ROOT).contains(column)) {
                    throw attributeNotEnabled(column, call.table());
                }
            }
        }
        String select = request.getParameter("$select");
        select = select == null || select.isBlank()
                ? defaultSelect(call)
                : checkedSelect(select, call.table(), call.settings());
        String expand = request.getParameter("$expand");
        if (expand != null && !expand.isBlank()) {
            checkExpand(expand, call);
            expand = expandWithSelects(expand, call);
        }
        StringBuilder options = new StringBuilder();
        for (String name : PASSED_OPTIONS) {
            String value =
                    "$select".equals(name) ? select : "$expand".equals(name) ? expand : request.getParameter(name);
            if ("$filter".equals(name) && extraFilter != null) {
                value = value == null ? extraFilter : "(" + value + ") and " + extraFilter;
            }
            if (value != null) {
                options.append(options.isEmpty() ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
            }
        }
        return options.toString();
    }

    /** Without {@code $select}, the Web API answers the columns listed in {@code Webapi/<table>/fields} (and the key). */
    private String defaultSelect(Call call) {
        return defaultSelect(call.table(), call.settings());
    }

    private String defaultSelect(String table, WebApiSettings settings) {
        List<String> columns = new ArrayList<>();
        for (String field : settings.fields(table)) {
            if (PRIVATE_COLUMNS.contains(field)) {
                continue;
            }
            columns.add(catalog.isLookup(table, field) ? "_" + field + "_value" : field);
        }
        return String.join(",", columns);
    }

    /**
     * An expanded navigation property without its own {@code $select} gets its table's listed fields, as the top level
     * does: the store would otherwise answer every column of the related rows (the password hash, and their
     * annotations), whatever {@code Webapi/<table>/fields} says.
     */
    private String expandWithSelects(String expand, Call call) {
        List<String> items = new ArrayList<>();
        for (String item : topLevelItems(expand)) {
            int paren = item.indexOf('(');
            String navigation = (paren < 0 ? item : item.substring(0, paren)).strip();
            if (paren >= 0 && item.substring(paren).contains("$select=")) {
                items.add(item.strip());
                continue;
            }
            String target = catalog.navigationTarget(call.table(), navigation).orElse(null);
            if (target == null) {
                items.add(item.strip()); // checkExpand has refused unknown ones already
                continue;
            }
            String select = "$select=" + defaultSelect(target, call.settings());
            if (paren < 0) {
                items.add(navigation + "(" + select + ")");
            } else {
                String inner = item.substring(paren + 1, item.lastIndexOf(')')).strip();
                items.add(navigation + "(" + select + (inner.isEmpty() ? "" : ";" + inner) + ")");
            }
        }
        return String.join(",", items);
    }

    private String checkedSelect(String select, String table, WebApiSettings settings) {
        Set<String> allowed = settings.fields(table);
        String primaryKey = catalog.primaryKey(table);
        for (String raw : select.split(",")) {
            String column = raw.strip();
            String lower = column.toLowerCase(Locale.ROOT);
            String lookup = lower.startsWith("_") && lower.endsWith("_value") && lower.length() > 7
                    ? lower.substring(1, lower.length() - 6)
                    : lower;
            if (!lower.equals(primaryKey) && !allowed.contains(lookup)) {
                throw attributeNotEnabled(column, table);
            }
        }
        return select;
    }

    /**
     * Each expanded navigation property must lead to a table the visitor may read through the Web API: exposed, its
     * nested {@code $select} within its fields, and a table permission granting read (not limited to the visitor's own
     * row, which an expansion cannot filter).
     */
    private void checkExpand(String expand, Call call) {
        for (String item : topLevelItems(expand)) {
            int paren = item.indexOf('(');
            String navigation = (paren < 0 ? item : item.substring(0, paren)).strip();
            String target = catalog.navigationTarget(call.table(), navigation)
                    .orElseThrow(() -> new WebApiException(
                            HttpStatus.BAD_REQUEST,
                            UNEXPECTED_ERROR,
                            "'" + navigation + "' is not a navigation property of " + call.table()
                                    + (catalog.known()
                                            ? "."
                                            : " that the store describes ($metadata is unavailable).")));
            WebApiSettings settings = call.settings();
            if (CONFIGURATION_TABLES.contains(target) || !settings.enabled(target)) {
                throw notFound(navigation);
            }
            if (settings.fields(target).isEmpty() || settings.fields(target).contains(WebApiSettings.WILDCARD)) {
                throw attributeNotEnabled(navigation, target);
            }
            SitePermissions.Access access = access(call.site(), call.user(), target);
            if (!access.canRead() || access.readLimitedToSelf()) {
                throw readForbidden(target);
            }
            if (paren >= 0) {
                Matcher nestedSelect = Pattern.compile("\\$select=([^;)]*)").matcher(item.substring(paren));
                if (nestedSelect.find()) {
                    checkedSelect(nestedSelect.group(1), target, settings);
                }
            }
        }
    }

    /** {@code a($select=x,y),b} → {@code a($select=x,y)}, {@code b}: commas inside parentheses stay. */
    private static List<String> topLevelItems(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        items.add(list.substring(start));
        return items.stream().filter(item -> !item.isBlank()).toList();
    }

    private ObjectNode jsonObject(String body, String message) {
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (RuntimeException ex) {
            parsed = null;
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new WebApiException(HttpStatus.BAD_REQUEST, UNEXPECTED_ERROR, message);
        }
        return object;
    }

    private static String column(String column) {
        if (!COLUMN.matcher(column).matches()) {
            throw notFound(column);
        }
        return column.toLowerCase(Locale.ROOT);
    }

    private interface StoreCall<T> {
        T run();
    }

    /** Runs a store call, turning the store's refusal into a CDS error and an outage into 503. */
    private <T> T storeCall(Call call, StoreCall<T> work) {
        try {
            return work.run();
        } catch (HttpClientErrorException ex) {
            throw new CdsError(ex, call.settings().innerError());
        } catch (StoreUnavailableException ex) {
            throw new WebApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    SERVICE_UNAVAILABLE,
                    "The request could not be completed: the metadata store is unavailable.");
        }
    }

    /** The store (Dataverse) refused the request. */
    private static final class CdsError extends RuntimeException {

        final HttpClientErrorException cause;
        final boolean innerError;

        CdsError(HttpClientErrorException cause, boolean innerError) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
            this.innerError = innerError;
        }
    }

    @ExceptionHandler(WebApiException.class)
    ResponseEntity<WebApiError> refused(WebApiException ex) {
        return error(ex.status(), ex.code(), ex.getMessage(), null);
    }

    /**
     * Power Pages answers {@code 9004010D} "CDS error occurred." with Dataverse's status (400 bad filter, 404 no row),
     * and Dataverse's own code and message in {@code innererror} when the site setting {@code Webapi/error/innererror}
     * is true.
     */
    @ExceptionHandler(CdsError.class)
    ResponseEntity<WebApiError> cdsError(CdsError error) {
        WebApiError.Inner inner = null;
        if (error.innerError) {
            JsonNode body;
            try {
                body = json.readTree(error.cause.getResponseBodyAsString());
            } catch (RuntimeException notJson) {
                body = null;
            }
            inner = new WebApiError.Inner(
                    body == null ? "" : body.path("error").path("code").asString(""),
                    body == null
                            ? error.cause.getStatusText()
                            : body.path("error").path("message").asString(error.cause.getStatusText()));
        }
        return error(HttpStatus.valueOf(error.cause.getStatusCode().value()), CDS_ERROR, "CDS error occurred.", inner);
    }

    private static ResponseEntity<WebApiError> error(
            HttpStatus status, String code, String message, WebApiError.Inner inner) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(new WebApiError(new WebApiError.Body(code, message, inner)));
    }

    /**
     * The site's Web API root as the visitor's request named it (scheme, host, port), built as the Liquid
     * {@code request.url} is, e.g. {@code https://www.contoso.example/_api}.
     */
    private static String siteApiRoot(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request)
                .path("/_api")
                .build()
                .toUriString();
    }

    private static String cacheUser(Call call) {
        return call.user() == null ? ANONYMOUS : call.user().cacheKey();
    }

    private static SitePermissions.Access access(SiteSnapshot site, SiteUser user, String table) {
        SitePermissions permissions = site.permissions();
        Set<String> roles = user == null ? permissions.anonymousRoleIds() : user.roleIds(permissions);
        return permissions.access(roles, table);
    }

    private static WebApiException readForbidden(String table) {
        return new WebApiException(
                HttpStatus.FORBIDDEN,
                READ_PERMISSION_MISSING,
                "You don't have permission to read " + table + " entity.");
    }

    private static WebApiException attributeNotEnabled(String column, String table) {
        return new WebApiException(
                HttpStatus.FORBIDDEN,
                ATTRIBUTE_NOT_ENABLED,
                "Attribute " + column + " in table " + table + " is not enabled for Web Api.");
    }

    private static WebApiException notFound(String segment) {
        return new WebApiException(
                HttpStatus.NOT_FOUND, RESOURCE_NOT_FOUND, "Resource not found for the segment '" + segment + "'.");
    }

    /** The password hash never leaves the node, whatever the settings say: not in a row, nor in an expanded one. */
    private static JsonNode withoutPrivateColumns(JsonNode body) {
        if (body instanceof ObjectNode object) {
            PRIVATE_COLUMNS.forEach(object::remove);
            object.properties().forEach(property -> {
                JsonNode value = property.getValue();
                if (value.isObject()) {
                    withoutPrivateColumns(value);
                } else if (value.isArray()) {
                    value.forEach(WebApiController::withoutPrivateColumns);
                }
            });
        }
        return body;
    }
}
