package dev.powerpages.emulator.store.webapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.powerpages.emulator.store.auth.ApplicationUsers.Privilege;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.enhanced.ViewWrites;
import dev.powerpages.emulator.store.environment.CurrentEnvironment;
import dev.powerpages.emulator.store.environment.DataverseEnvironment;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.odata.QueryOptions;
import dev.powerpages.emulator.store.odata.QueryOptionsParser;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import dev.powerpages.emulator.store.schema.ViewDefinition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * The Dataverse Web API subset: entity set collections and single rows, create (POST), update or
 * upsert (PATCH) and delete, following the Web API's documented semantics
 * (learn.microsoft.com/power-apps/developer/data-platform/webapi).
 */
@RestController
@RequestMapping(WebApiController.BASE_PATH)
class WebApiController {

    static final String BASE_PATH = "/api/data/v9.2";

    /** The tables of the request's environment: each environment may have tables of its own. */
    private final EnvironmentSchemas schemas;

    private final RowStore rows;
    private final QueryOptionsParser parser;
    private final PayloadReader payloads;
    private final CollectionReader collections;
    private final Privileges privileges;
    private final Expander expander;
    private final CurrentEnvironment environment;
    private final ViewWrites viewWrites;
    private final FormattedValues formattedValues;

    WebApiController(
            EnvironmentSchemas schemas,
            RowStore rows,
            QueryOptionsParser parser,
            ObjectMapper mapper,
            CurrentEnvironment environment,
            CollectionReader collections,
            Privileges privileges,
            Expander expander,
            ViewWrites viewWrites,
            FormattedValues formattedValues) {
        this.viewWrites = viewWrites;
        this.formattedValues = formattedValues;
        this.privileges = privileges;
        this.expander = expander;
        this.collections = collections;
        this.schemas = schemas;
        this.rows = rows;
        this.parser = parser;
        this.payloads = new PayloadReader(mapper, schemas::current);
        this.environment = environment;
    }

    /** The OData service document: the entity sets the store offers. */
    @GetMapping({"", "/"})
    ResponseEntity<ServiceDocument> serviceDocument() {
        List<ServiceDocument.EntitySet> sets = schemas.current().tables().stream()
                .map(t -> new ServiceDocument.EntitySet(t.entitySetName(), "EntitySet", t.entitySetName()))
                .toList();
        return ResponseEntity.ok()
                .contentType(ODataJson.MEDIA_TYPE)
                .body(new ServiceDocument(environment.serviceRoot() + "/$metadata", sets));
    }

    /**
     * {@code {"@odata.context":…,"value":[{"name":…,"kind":"EntitySet","url":…}]}} in OData's order (records with a
     * pinned order: Map.of's changes from one JVM run to the next, and Jackson 3 sorts properties unless told).
     */
    @JsonPropertyOrder({"@odata.context", "value"})
    record ServiceDocument(@JsonProperty("@odata.context") String context, List<EntitySet> value) {

        @JsonPropertyOrder({"name", "kind", "url"})
        record EntitySet(String name, String kind, String url) {}
    }

    /** The CSDL service description of the environment's tables (see {@code MetadataDocument}). */
    @GetMapping("/$metadata")
    ResponseEntity<String> metadata() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_XML)
                .body(schemas.currentMetadata().xml());
    }

    @GetMapping("/{resource}")
    ResponseEntity<Map<String, Object>> get(
            @PathVariable String resource,
            @RequestParam Map<String, String> query,
            @AuthenticationPrincipal Jwt caller,
            @RequestHeader HttpHeaders headers) {
        ResourcePath path = ResourcePath.parse(resource);
        if (path.name().equals("WhoAmI") && (path.isCollection() || path.key().isEmpty())) {
            return ok(whoAmI(caller));
        }
        if (path.name().equals("RetrieveCurrentOrganization")) {
            privileges.caller(caller); // any application user of this environment may ask
            return ok(currentOrganization());
        }
        TableDefinition table = table(path);
        privileges.require(caller, Privilege.READ, table);
        Preferences preferences = Preferences.parse(String.join(",", headers.getOrEmpty("Prefer")));
        if (path.isCollection()) {
            return collections.read(table, query, preferences, caller);
        }
        QueryOptions options = parser.parse(table, query);
        if (options.filter() != null
                || options.top() != null
                || !options.orderBy().isEmpty()) {
            throw DataverseException.badQuery("Only $select and $expand are supported when retrieving a single row.");
        }
        expander.requireRead(caller, options);
        UUID id = existingId(table, path);
        Map<String, Object> row = rows.find(
                        table, id, expander.fetchOptions(options).select())
                .orElseThrow(() -> DataverseException.rowNotFound(table.logicalName(), id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "@odata.context",
                environment.serviceRoot() + "/$metadata#" + table.entitySetName() + selectSuffix(options) + "/$entity");
        Annotations annotations = preferences.annotations();
        body.putAll(expander.render(table, List.of(row), options, annotations).get(0));
        // With an ETag on the entity, Spring answers If-None-Match with 304 Not Modified, as Dataverse does.
        ResponseEntity.BodyBuilder response =
                ResponseEntity.ok().contentType(ODataJson.MEDIA_TYPE).eTag(ODataJson.etag(row.get("versionnumber")));
        if (annotations.requestedAny()) {
            response.header("Preference-Applied", annotations.applied());
        }
        return response.body(body);
    }

    /** Create: 204 with OData-EntityId, or 201 with the row when the client prefers return=representation. */
    @PostMapping("/{resource}")
    ResponseEntity<Map<String, Object>> create(
            @PathVariable String resource,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Prefer", required = false) String prefer,
            @AuthenticationPrincipal Jwt caller) {
        ResourcePath path = ResourcePath.parse(resource);
        TableDefinition table = table(path);
        privileges.require(caller, Privilege.CREATE, table);
        if (!path.isCollection()) {
            throw DataverseException.badQuery(
                    "POST creates rows in an entity set; use PATCH to update " + resource + ".");
        }
        refuseWrite(table, "Create");
        Map<String, Object> values = payloads.read(table, text(body));
        UUID id = Optional.ofNullable((UUID) values.remove(table.primaryId())).orElseGet(UUID::randomUUID);
        if (rows.exists(table, id)) {
            throw DataverseException.duplicate();
        }
        Optional<ViewDefinition> view = schemas.current().view(table);
        if (view.isPresent()) {
            viewWrites.create(view.get(), id, values);
        } else {
            rows.insert(table, id, values);
        }
        return written(table, id, prefer, HttpStatus.CREATED);
    }

    /**
     * Update, or upsert as Dataverse does: a PATCH to a missing row creates it unless
     * {@code If-Match: *} is sent; {@code If-None-Match: *} forbids updating an existing row;
     * {@code If-Match: W/"<version>"} updates only that version (optimistic concurrency).
     */
    @PatchMapping("/{resource}")
    ResponseEntity<Map<String, Object>> update(
            @PathVariable String resource,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
            @RequestHeader(name = "Prefer", required = false) String prefer,
            @AuthenticationPrincipal Jwt caller) {
        ResourcePath path = ResourcePath.parse(resource);
        TableDefinition table = table(path);
        if (path.isCollection()) {
            throw DataverseException.badQuery("PATCH needs a row: " + table.entitySetName() + "(<id>).");
        }
        refuseWrite(table, "Update");
        Map<String, Object> values = payloads.read(table, text(body));
        values.remove(table.primaryId());
        Optional<ViewDefinition> view = schemas.current().view(table);
        UUID id;
        if (AlternateKey.looksLikeOne(path.key())) {
            // An upsert by alternate key creates the row with the key's values when none has them.
            Map<ColumnDefinition, Object> key = AlternateKey.parse(table, path.key());
            id = rows.findIdByKey(table, key).orElse(null);
            if (id == null) {
                id = UUID.randomUUID();
                key.forEach((column, value) -> values.put(column.name(), value));
            }
        } else {
            id = path.id(table.primaryId());
        }
        boolean exists = rows.exists(table, id);
        // An upsert needs the privilege of what it turns out to do.
        privileges.require(caller, exists ? Privilege.WRITE : Privilege.CREATE, table);
        if (!exists) {
            if (ifMatch != null) {
                throw DataverseException.rowNotFound(table.logicalName(), id);
            }
            if (view.isPresent()) {
                viewWrites.create(view.get(), id, values);
            } else {
                rows.insert(table, id, values);
            }
            return written(table, id, prefer, HttpStatus.CREATED);
        }
        if ("*".equals(ifNoneMatch)) {
            throw DataverseException.duplicate();
        }
        Long expected = expectedVersion(ifMatch);
        Optional<Long> updated = view.isPresent()
                ? viewWrites.update(view.get(), id, values, expected)
                : rows.update(table, id, values, expected);
        if (updated.isEmpty()) {
            throw expected != null
                    ? DataverseException.versionMismatch()
                    : DataverseException.rowNotFound(table.logicalName(), id);
        }
        return written(table, id, prefer, HttpStatus.OK);
    }

    @DeleteMapping("/{resource}")
    ResponseEntity<Void> delete(@PathVariable String resource, @AuthenticationPrincipal Jwt caller) {
        ResourcePath path = ResourcePath.parse(resource);
        TableDefinition table = table(path);
        privileges.require(caller, Privilege.DELETE, table);
        if (path.isCollection()) {
            throw DataverseException.badQuery("DELETE needs a row: " + table.entitySetName() + "(<id>).");
        }
        refuseWrite(table, "Delete");
        UUID id = existingId(table, path);
        Optional<ViewDefinition> view = schemas.current().view(table);
        if (!(view.isPresent() ? viewWrites.delete(view.get(), id) : rows.delete(table, id))) {
            throw DataverseException.rowNotFound(table.logicalName(), id);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code GET <set>/$count}: the number of rows as plain text, as Dataverse answers it (clients such as
     * DynamicsWebApi's {@code count()} use it). Like {@code @odata.count} it is exact here, where
     * Dataverse stops counting at 5,000.
     */
    @GetMapping("/{resource}/$count")
    ResponseEntity<String> count(@PathVariable String resource, @AuthenticationPrincipal Jwt caller) {
        ResourcePath path = ResourcePath.parse(resource);
        TableDefinition table = table(path);
        privileges.require(caller, Privilege.READ, table);
        if (!path.isCollection()) {
            throw DataverseException.resourceNotFound("$count");
        }
        long count = rows.count(table, parser.parse(table, Map.of()));
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(Long.toString(count));
    }

    /** The writes Dataverse does not take on a table: rows of a generated intersect table, or a read-only table. */
    private void refuseWrite(TableDefinition table, String message) {
        refuseIntersect(table, message);
        refuseReadOnly(table, message);
    }

    /**
     * The intersect tables of many-to-many relationships can be read but not written: rows are associated through
     * the relationship's navigation property with {@code $ref}, as in Dataverse.
     */
    private void refuseIntersect(TableDefinition table, String message) {
        schemas.current()
                .intersectOf(table)
                .filter(ManyToManyDefinition::generated)
                .ifPresent(relationship -> {
                    throw DataverseException.notSupportedOn(
                            message,
                            table.logicalName(),
                            "Associate and disassociate rows through "
                                    + relationship.name() + "/$ref on "
                                    + schemas.current()
                                            .requireTable(relationship.table1())
                                            .entitySetName()
                                    + " or "
                                    + schemas.current()
                                            .requireTable(relationship.table2())
                                            .entitySetName() + ".");
                });
    }

    /**
     * A read-only table ({@code stringmap}): Dataverse's table reference lists Retrieve and RetrieveMultiple as its
     * only messages, and a write answers that the method does not support the table's entities.
     */
    private void refuseReadOnly(TableDefinition table, String message) {
        if (schemas.current().isReadOnly(table)) {
            throw DataverseException.notSupportedOn(
                    message,
                    table.logicalName(),
                    "Its rows are Dataverse's own: read them with GET " + table.entitySetName() + ".");
        }
    }

    /**
     * The answer to a create or update: the row with {@code return=representation}, else 204; with the annotations
     * asked for, which Dataverse also acknowledges on a 204 ({@code Preference-Applied}).
     */
    private ResponseEntity<Map<String, Object>> written(
            TableDefinition table, UUID id, String prefer, HttpStatus withBody) {
        String entityId = environment.serviceRoot() + "/" + table.entitySetName() + "(" + id + ")";
        Annotations annotations =
                prefer == null ? Annotations.NONE : Preferences.parse(prefer).annotations();
        if (prefer != null && prefer.contains("return=representation")) {
            Map<String, Object> row = rows.find(table, id, List.of()).orElseThrow();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@odata.context", environment.serviceRoot() + "/$metadata#" + table.entitySetName() + "/$entity");
            body.putAll(ODataJson.row(
                    table, row, List.of(), formattedValues.forRows(table, List.of(row), List.of(), annotations)));
            return ResponseEntity.status(withBody)
                    .contentType(ODataJson.MEDIA_TYPE)
                    .header("OData-EntityId", entityId)
                    .header(
                            "Preference-Applied",
                            annotations.requestedAny()
                                    ? "return=representation," + annotations.applied()
                                    : "return=representation")
                    .eTag(ODataJson.etag(row.get("versionnumber")))
                    .body(body);
        }
        ResponseEntity.HeadersBuilder<?> noContent = ResponseEntity.noContent().header("OData-EntityId", entityId);
        if (annotations.requestedAny()) {
            noContent.header("Preference-Applied", annotations.applied());
        }
        return noContent.build();
    }

    private Map<String, Object> whoAmI(Jwt caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", environment.serviceRoot() + "/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
        DataverseEnvironment organization = environment.environment();
        body.put("BusinessUnitId", organization.businessUnitId().toString());
        body.put("UserId", privileges.caller(caller).systemUserId().toString());
        body.put("OrganizationId", organization.organizationId().toString());
        return body;
    }

    /**
     * {@code RetrieveCurrentOrganization(AccessType=...)}: the environment's {@code OrganizationDetail}
     * ("RetrieveCurrentOrganization Function", Web API reference). {@code Geo} is the emulator's
     * geography name; the endpoints are all the environment's URL as this request named it.
     */
    private Map<String, Object> currentOrganization() {
        DataverseEnvironment organization = environment.environment();
        String url = environment.baseUrl();
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("Count", 3);
        endpoints.put("IsReadOnly", false);
        endpoints.put("Keys", List.of("WebApplication", "OrganizationService", "OrganizationDataService"));
        endpoints.put(
                "Values",
                List.of(
                        url + "/",
                        url + "/XRMServices/2011/Organization.svc",
                        url + "/XRMServices/2011/OrganizationData.svc"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("OrganizationId", organization.organizationId().toString());
        detail.put("FriendlyName", organization.friendlyName());
        detail.put("OrganizationVersion", "9.2.0.0");
        detail.put("EnvironmentId", organization.environmentId().toString());
        detail.put("Geo", organization.geography());
        detail.put("TenantId", organization.tenantId());
        detail.put("UrlName", organization.name());
        detail.put("UniqueName", organization.name());
        detail.put("Endpoints", endpoints);
        detail.put("State", "Enabled");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "@odata.context",
                environment.serviceRoot() + "/$metadata#Microsoft.Dynamics.CRM.RetrieveCurrentOrganizationResponse");
        body.put("Detail", detail);
        return body;
    }

    /** The id in the URL, or the id of the row an alternate key names (404 0x80060891 when none). */
    private UUID existingId(TableDefinition table, ResourcePath path) {
        if (AlternateKey.looksLikeOne(path.key())) {
            return rows.findIdByKey(table, AlternateKey.parse(table, path.key()))
                    .orElseThrow(() -> DataverseException.alternateKeyNotFound(table.logicalName()));
        }
        return path.id(table.primaryId());
    }

    /** An entity set of the environment's tables; another environment's table is as unknown here as a typo. */
    private TableDefinition table(ResourcePath path) {
        return schemas.current()
                .entitySet(path.name())
                .orElseThrow(() -> DataverseException.resourceNotFound(path.name()));
    }

    /** The context URL's projection, e.g. {@code (fullname,parentcustomerid_account(name))}. */
    static String selectSuffix(QueryOptions options) {
        List<String> items = new java.util.ArrayList<>(
                options.select().stream().map(ColumnDefinition::propertyName).toList());
        for (QueryOptions.Expand expand : options.expand()) {
            items.add(expand.navigation() + "("
                    + String.join(
                            ",",
                            expand.select().stream()
                                    .map(ColumnDefinition::propertyName)
                                    .toList()) + ")");
        }
        return items.isEmpty() ? "" : "(" + String.join(",", items) + ")";
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.equals("*")) {
            return null;
        }
        String raw = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw DataverseException.versionMismatch();
        }
    }

    private static String text(byte[] body) {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
        return ResponseEntity.ok().contentType(ODataJson.MEDIA_TYPE).body(body);
    }
}
