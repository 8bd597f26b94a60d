package dev.powerpages.emulator.appnode.webapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The Power Pages Web API for the site's visitors: {@code GET /_api/accounts?$select=name&$filter=…&$top=5},
 * {@code GET /_api/accounts(<id>)}, {@code POST /_api/accounts}. Every call is checked against the table
 * permissions of the visitor's web roles (Power Pages: "All Web API resources follow the respective table
 * permissions in context with web roles"): the Anonymous Users role for anonymous visitors, Authenticated Users and
 * the assigned roles for a signed-in contact ({@link SitePermissions}). Reads are passed on to the store and cached
 * per user ({@link BusinessDataCache}).
 *
 * <p>Errors use the portals Web API's codes, as listed in "Compose HTTP requests and handle errors for the portals
 * Web API" (Power Pages docs, error codes table): {@code 90040120} EntityPermissionReadIsMissing (403, no table
 * permission grants read), {@code 90040103} TablePermissionCreateIsMissing (403, "You don't have permission to create
 * {table} entity."), {@code 90040101} AttributePermissionIsMissing (403, "Attribute {0} in table {1} is not enabled
 * for Web Api."), {@code 9004010C} ResourceDoesNotExists (404, "Resource not found for the segment '{0}'."),
 * {@code 9004010D} CDSError (a Dataverse error, its own code and message in {@code innererror}) and
 * {@code 9004010A} UnexpectedError (400, a query the API cannot run).
 *
 * <p>Answers name the site's own Web API in their OData links ({@code @odata.context}, {@code @odata.nextLink}),
 * never the store ({@link SiteApiLinks}); a next link is followed through this API with its {@code $skiptoken}.
 */
@RestController
@RequestMapping("/_api")
class WebApiController {

    static final String ANONYMOUS = "anonymous";
    static final String READ_PERMISSION_MISSING = "90040120";
    static final String CREATE_PERMISSION_MISSING = "90040103";
    static final String ATTRIBUTE_NOT_ENABLED = "90040101";
    static final String RESOURCE_NOT_FOUND = "9004010C";
    static final String CDS_ERROR = "9004010D";
    static final String UNEXPECTED_ERROR = "9004010A";
    /** Columns the Web API never reads, filters or returns: a contact's password hash. */
    static final Set<String> PRIVATE_COLUMNS = Set.of("adx_identity_passwordhash");
    private static final Pattern RESOURCE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\(([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\\))?");
    /** {@code $skiptoken} comes from the store's own {@code @odata.nextLink}, which a visitor follows (opaque to the node). */
    private static final List<String> PASSED_OPTIONS = List.of("$select", "$filter", "$top", "$orderby", "$skiptoken");
    private static final Set<String> KNOWN_OPTIONS = Set.of("$select", "$filter", "$top", "$orderby", "$expand", "$count", "$skip", "$apply", "$search");

    private final SiteCache siteCache;
    private final StoreClient store;
    private final BusinessDataCache cache;
    private final JsonMapper json = JsonMapper.builder().build();

    WebApiController(SiteCache siteCache, StoreClient store, BusinessDataCache cache) {
        this.siteCache = siteCache;
        this.store = store;
        this.cache = cache;
    }

    @GetMapping("/{resource}")
    ResponseEntity<?> read(@PathVariable String resource, HttpServletRequest request) {
        Matcher matcher = RESOURCE.matcher(resource);
        if (!matcher.matches()) {
            return error(HttpStatus.NOT_FOUND, RESOURCE_NOT_FOUND, "Resource not found for the segment '" + resource + "'.");
        }
        String entitySet = matcher.group(1);
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "90040100", "The site is not loaded yet.");
        }
        SiteUser user = SiteUser.current(request).orElse(null);
        SitePermissions.Access access = access(site, user, entitySet);
        if (!access.canRead()) {
            return readForbidden(entitySet);
        }
        String rowId = matcher.group(2) == null ? null : matcher.group(2).toLowerCase(Locale.ROOT);
        String selfFilter = null;
        if (access.readLimitedToSelf()) {
            // Self scope: the signed-in contact's own row only.
            if (rowId != null && !rowId.equals(user.contactId())) {
                return readForbidden(entitySet);
            }
            selfFilter = rowId == null ? "contactid eq " + user.contactId() : null;
        }
        String options;
        try {
            options = options(request, logicalName(entitySet), selfFilter);
        }
        catch (PrivateColumnException ex) {
            return error(HttpStatus.FORBIDDEN, ATTRIBUTE_NOT_ENABLED, ex.getMessage());
        }
        catch (IllegalArgumentException ex) {
            return error(HttpStatus.BAD_REQUEST, UNEXPECTED_ERROR, ex.getMessage());
        }
        String resourcePath = rowId == null ? entitySet : entitySet + "(" + rowId + ")";
        try {
            JsonNode body = cache.get(new BusinessDataCache.Key(user == null ? ANONYMOUS : user.cacheKey(), entitySet,
                    resourcePath + "?" + options), () -> withoutPrivateColumns(store.query(resourcePath, options)));
            // Rebased per request, after the cache: the same cached answer may be read under another host name.
            body = SiteApiLinks.rebase(body, siteApiRoot(request));
            // Per-user data: a shared cache (the CDN) must not keep it.
            return ResponseEntity.ok().cacheControl(CacheControl.noStore().cachePrivate()).contentType(MediaType.APPLICATION_JSON).body(body);
        }
        catch (HttpClientErrorException ex) {
            return storeAnswer(ex);
        }
        catch (StoreUnavailableException ex) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "90040100", "The data could not be read: the metadata store is unavailable.");
        }
    }

    @PostMapping("/{resource}")
    ResponseEntity<?> create(@PathVariable String resource, @RequestBody(required = false) String body,
            HttpServletRequest request) {
        Matcher matcher = RESOURCE.matcher(resource);
        if (!matcher.matches()) {
            return error(HttpStatus.NOT_FOUND, RESOURCE_NOT_FOUND, "Resource not found for the segment '" + resource + "'.");
        }
        if (matcher.group(2) != null) {
            return error(HttpStatus.BAD_REQUEST, UNEXPECTED_ERROR, "Records are created on a table's collection, such as /_api/contacts.");
        }
        String entitySet = matcher.group(1);
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "90040100", "The site is not loaded yet.");
        }
        if (!access(site, SiteUser.current(request).orElse(null), entitySet).global().create()) {
            return error(HttpStatus.FORBIDDEN, CREATE_PERMISSION_MISSING, "You don't have permission to create " + logicalName(entitySet) + " entity.");
        }
        JsonNode fields;
        try {
            fields = body == null || body.isBlank() ? null : json.readTree(body);
        }
        catch (RuntimeException ex) {
            fields = null;
        }
        if (fields == null || !fields.isObject()) {
            return error(HttpStatus.BAD_REQUEST, UNEXPECTED_ERROR, "The request body must be a JSON object of the new record's columns.");
        }
        try {
            String entityId = store.create(entitySet, fields).orElse(null);
            cache.clearTable(entitySet);
            ResponseEntity.BodyBuilder created = ResponseEntity.status(HttpStatus.NO_CONTENT);
            if (entityId != null && entityId.contains("(")) {
                // Power Pages answers the new record's address on the site's own Web API.
                created.header("OData-EntityId", "/_api/" + entitySet + entityId.substring(entityId.lastIndexOf('(')));
            }
            return created.build();
        }
        catch (HttpClientErrorException ex) {
            return storeAnswer(ex);
        }
        catch (StoreUnavailableException ex) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "90040100", "The record could not be created: the metadata store is unavailable.");
        }
    }

    /**
     * The site's Web API root as the visitor's request named it (scheme, host, port), built as the Liquid
     * {@code request.url} is, e.g. {@code https://www.contoso.example/_api}.
     */
    private static String siteApiRoot(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).path("/_api").build().toUriString();
    }

    /** The query options passed on, re-encoded; unsupported options are refused rather than silently dropped. */
    private static String options(HttpServletRequest request, String table, String extraFilter) {
        StringBuilder options = new StringBuilder();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("$")) {
                continue; // cache busters and the like are not OData options
            }
            if (!PASSED_OPTIONS.contains(name)) {
                throw new IllegalArgumentException((KNOWN_OPTIONS.contains(name) ? "The query option " : "Unknown query option ")
                        + name + " is not supported by the emulator's Web API; use $select, $filter, $top or $orderby"
                        + " (and the $skiptoken of an @odata.nextLink).");
            }
            if ("$top".equals(name) && !parameter.getValue()[0].matches("\\d{1,9}")) {
                throw new IllegalArgumentException("$top must be a non-negative integer.");
            }
            for (String column : PRIVATE_COLUMNS) {
                if (parameter.getValue()[0].toLowerCase(Locale.ROOT).contains(column)) {
                    throw new PrivateColumnException("Attribute " + column + " in table " + table + " is not enabled for Web Api.");
                }
            }
        }
        for (String name : PASSED_OPTIONS) {
            String value = request.getParameter(name);
            if ("$filter".equals(name) && extraFilter != null) {
                value = value == null ? extraFilter : "(" + value + ") and " + extraFilter;
            }
            if (value != null) {
                options.append(options.isEmpty() ? "" : "&").append(name).append('=')
                        .append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
            }
        }
        return options.toString();
    }

    /**
     * Power Pages addresses tables by entity set name ({@code accounts}); table permissions name the logical name
     * ({@code account}). Dataverse's default entity set name is the logical name pluralised, which this undoes.
     */
    static String logicalName(String entitySet) {
        String set = entitySet.toLowerCase(Locale.ROOT);
        if (set.endsWith("ies")) {
            return set.substring(0, set.length() - 3) + "y";
        }
        if (set.endsWith("sses") || set.endsWith("xes")) {
            return set.substring(0, set.length() - 2);
        }
        return set.endsWith("s") ? set.substring(0, set.length() - 1) : set;
    }

    /**
     * The store (Dataverse) refused the request: Power Pages answers {@code 9004010D} "CDS error occurred." with
     * Dataverse's own code and message in {@code innererror}, and Dataverse's status (400 bad filter, 404 no row).
     */
    private ResponseEntity<?> storeAnswer(HttpClientErrorException ex) {
        JsonNode body;
        try {
            body = json.readTree(ex.getResponseBodyAsString());
        }
        catch (RuntimeException notJson) {
            body = null;
        }
        WebApiError.Inner inner = new WebApiError.Inner(body == null ? "" : body.path("error").path("code").asString(""),
                body == null ? ex.getStatusText() : body.path("error").path("message").asString(ex.getStatusText()));
        return ResponseEntity.status(ex.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
                .body(new WebApiError(new WebApiError.Body(CDS_ERROR, "CDS error occurred.", inner)));
    }

    private static SitePermissions.Access access(SiteSnapshot site, SiteUser user, String entitySet) {
        SitePermissions permissions = site.permissions();
        Set<String> roles = user == null ? permissions.anonymousRoleIds() : user.roleIds(permissions);
        return permissions.access(roles, logicalName(entitySet));
    }

    private static ResponseEntity<?> readForbidden(String entitySet) {
        return error(HttpStatus.FORBIDDEN, READ_PERMISSION_MISSING, "You don't have permission to read " + logicalName(entitySet) + " entity.");
    }

    /** The password hash never leaves the node, whatever the table permissions say. */
    private static JsonNode withoutPrivateColumns(JsonNode body) {
        if (body instanceof tools.jackson.databind.node.ObjectNode object) {
            PRIVATE_COLUMNS.forEach(object::remove);
            object.path("value").forEach(row -> {
                if (row instanceof tools.jackson.databind.node.ObjectNode rowObject) {
                    PRIVATE_COLUMNS.forEach(rowObject::remove);
                }
            });
        }
        return body;
    }

    /** A query option names a column the Web API does not expose. */
    private static final class PrivateColumnException extends IllegalArgumentException {

        PrivateColumnException(String message) {
            super(message);
        }
    }

    private static ResponseEntity<WebApiError> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new WebApiError(new WebApiError.Body(code, message, null)));
    }

    /**
     * The portals Web API's error, {@code {"error":{"code":…,"message":…}}} with Dataverse's own error in
     * {@code innererror} for a CDS error. Records with a pinned order: Map.of's order changes from one JVM run to the
     * next, and Jackson 3 sorts properties alphabetically unless told.
     */
    record WebApiError(Body error) {

        @JsonPropertyOrder({ "code", "message", "innererror" })
        record Body(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) Inner innererror) {
        }

        @JsonPropertyOrder({ "code", "message" })
        record Inner(String code, String message) {
        }
    }
}
