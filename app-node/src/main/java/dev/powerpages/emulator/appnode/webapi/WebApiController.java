package dev.powerpages.emulator.appnode.webapi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.TablePermission;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
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
import org.springframework.web.util.UriUtils;

/**
 * The Power Pages Web API for the site's visitors: {@code GET /_api/accounts?$select=name&$filter=…&$top=5},
 * {@code GET /_api/accounts(<id>)}, {@code POST /_api/accounts}. Every call is checked against the table
 * permissions of the visitor's web roles (Power Pages: "All Web API resources follow the respective table
 * permissions in context with web roles"); the emulator's visitors are anonymous, so the Anonymous Users role's
 * Global-scope permissions apply. Reads are passed on to the store and cached ({@link BusinessDataCache}).
 */
@RestController
@RequestMapping("/_api")
class WebApiController {

    static final String ANONYMOUS = "anonymous";
    private static final Pattern RESOURCE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\(([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\\))?");
    private static final List<String> PASSED_OPTIONS = List.of("$select", "$filter", "$top", "$orderby");
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
            return error(HttpStatus.BAD_REQUEST, "9004010C", "Resource not found for the segment '" + resource + "'.");
        }
        String entitySet = matcher.group(1);
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "90040100", "The site is not loaded yet.");
        }
        if (!site.anonymousPermission(logicalName(entitySet)).read()) {
            return forbidden("read", entitySet);
        }
        String options;
        try {
            options = options(request);
        }
        catch (IllegalArgumentException ex) {
            return error(HttpStatus.BAD_REQUEST, "9004010B", ex.getMessage());
        }
        String resourcePath = matcher.group(2) == null ? entitySet : entitySet + "(" + matcher.group(2).toLowerCase(Locale.ROOT) + ")";
        try {
            JsonNode body = cache.get(new BusinessDataCache.Key(ANONYMOUS, entitySet, resourcePath + "?" + options),
                    () -> store.query(resourcePath, options));
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
    ResponseEntity<?> create(@PathVariable String resource, @RequestBody(required = false) String body) {
        Matcher matcher = RESOURCE.matcher(resource);
        if (!matcher.matches() || matcher.group(2) != null) {
            return error(HttpStatus.BAD_REQUEST, "9004010C", "Records are created on a table's collection, such as /_api/contacts.");
        }
        String entitySet = matcher.group(1);
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "90040100", "The site is not loaded yet.");
        }
        TablePermission permission = site.anonymousPermission(logicalName(entitySet));
        if (!permission.create()) {
            return forbidden("create", entitySet);
        }
        JsonNode fields;
        try {
            fields = body == null || body.isBlank() ? null : json.readTree(body);
        }
        catch (RuntimeException ex) {
            fields = null;
        }
        if (fields == null || !fields.isObject()) {
            return error(HttpStatus.BAD_REQUEST, "9004010B", "The request body must be a JSON object of the new record's columns.");
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

    /** The query options passed on, re-encoded; unsupported options are refused rather than silently dropped. */
    private static String options(HttpServletRequest request) {
        StringBuilder options = new StringBuilder();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("$")) {
                continue; // cache busters and the like are not OData options
            }
            if (!PASSED_OPTIONS.contains(name)) {
                throw new IllegalArgumentException((KNOWN_OPTIONS.contains(name) ? "The query option " : "Unknown query option ")
                        + name + " is not supported by the emulator's Web API; use $select, $filter, $top or $orderby.");
            }
            if ("$top".equals(name) && !parameter.getValue()[0].matches("\\d{1,9}")) {
                throw new IllegalArgumentException("$top must be a non-negative integer.");
            }
        }
        for (String name : PASSED_OPTIONS) {
            String value = request.getParameter(name);
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

    private ResponseEntity<?> storeAnswer(HttpClientErrorException ex) {
        JsonNode body;
        try {
            body = json.readTree(ex.getResponseBodyAsString());
        }
        catch (RuntimeException notJson) {
            body = null;
        }
        if (body == null || !body.has("error")) {
            return error(HttpStatus.valueOf(ex.getStatusCode().value()), "90040100", ex.getStatusText());
        }
        return ResponseEntity.status(ex.getStatusCode()).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ResponseEntity<?> forbidden(String operation, String entitySet) {
        return error(HttpStatus.FORBIDDEN, "9004010D", "You don't have permission to " + operation + " the "
                + logicalName(entitySet) + " table: no table permission of your web roles grants it.");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", error));
    }
}
