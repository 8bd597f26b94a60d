package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.auth.ApplicationUsers.Privilege;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.relationship.Associations;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ColumnType;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Web API's paths below a row:
 * <ul>
 * <li>{@code $ref} on a navigation property, as in "Associate and disassociate table rows using the Web API":
 * {@code POST <set>(<id>)/<collection>/$ref} with {@code {"@odata.id":"<url of the other row>"}} associates
 * (many-to-many: an intersect row; one-to-many: the other row's lookup), {@code DELETE <set>(<id>)/<collection>(<other
 * id>)/$ref} or {@code …/<collection>/$ref?$id=<url>} disassociates, {@code PUT <set>(<id>)/<single>/$ref} sets a
 * lookup and {@code DELETE <set>(<id>)/<single>/$ref} clears it. Associating an associated pair again changes
 * nothing.</li>
 * <li>file columns, as in "Use file column data": {@code GET <set>(<id>)/<column>/$value} downloads
 * ({@code x-ms-file-name}, {@code x-ms-file-size}), {@code PATCH <set>(<id>)/<column>} with the bytes and
 * {@code x-ms-file-name} uploads in one request, {@code DELETE} removes the file.</li>
 * </ul>
 * Associating needs the write privilege on the table in the URL and read on the other; files need read or write.
 */
@RestController
@RequestMapping(WebApiController.BASE_PATH)
class NavigationController {

    private static final Pattern SEGMENT =
            Pattern.compile("/?([A-Za-z_][A-Za-z0-9_]*)(?:\\(([^)]*)\\))?(?:/(\\$ref|\\$value))?/?");
    private static final Pattern ROW_URL =
            Pattern.compile("(?:.*/)?([A-Za-z_][A-Za-z0-9_]*)\\(([0-9a-fA-F-]{36})\\)/?");

    private final EnvironmentSchemas schemas;
    private final RowStore rows;
    private final Associations associations;
    private final Privileges privileges;
    private final ObjectMapper mapper;

    NavigationController(
            EnvironmentSchemas schemas,
            RowStore rows,
            Associations associations,
            Privileges privileges,
            ObjectMapper mapper) {
        this.schemas = schemas;
        this.rows = rows;
        this.associations = associations;
        this.privileges = privileges;
        this.mapper = mapper;
    }

    /** What the path below the row names. */
    private record Target(TableDefinition table, UUID id, String property, String key, String suffix) {}

    @GetMapping("/{resource}/{*rest}")
    ResponseEntity<byte[]> get(
            @PathVariable String resource, @PathVariable String rest, @AuthenticationPrincipal Jwt caller) {
        Target target = target(resource, rest);
        ColumnDefinition file = fileColumn(target)
                .filter(c -> "$value".equals(target.suffix()))
                .orElseThrow(() -> DataverseException.resourceNotFound(segment(rest)));
        privileges.require(caller, Privilege.READ, target.table());
        Map<String, Object> row = rows.findWhole(target.table(), target.id())
                .orElseThrow(() -> DataverseException.rowNotFound(target.table().logicalName(), target.id()));
        if (!(row.get(file.name()) instanceof String base64)) {
            throw new DataverseException(
                    org.springframework.http.HttpStatus.NOT_FOUND,
                    "0x80040217",
                    "No file attachment found for attribute: " + file.name() + " EntityId: " + target.id() + ".");
        }
        byte[] bytes = Base64.getDecoder().decode(base64);
        String name = row.get(file.name() + "_name") instanceof String n ? n : file.name();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("x-ms-file-name", name)
                .header("x-ms-file-size", Integer.toString(bytes.length))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replace("\"", "") + "\"")
                .body(bytes);
    }

    @PatchMapping("/{resource}/{*rest}")
    ResponseEntity<Void> upload(
            @PathVariable String resource,
            @PathVariable String rest,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "x-ms-file-name", required = false) String fileName,
            @AuthenticationPrincipal Jwt caller) {
        Target target = target(resource, rest);
        ColumnDefinition file = fileColumn(target)
                .filter(c -> target.suffix() == null)
                .orElseThrow(() -> DataverseException.resourceNotFound(segment(rest)));
        privileges.require(caller, Privilege.WRITE, target.table());
        if (fileName == null || fileName.isBlank()) {
            throw DataverseException.badPayload(
                    target.table().logicalName(), "A file upload needs the x-ms-file-name header.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(file.name(), Base64.getEncoder().encodeToString(body == null ? new byte[0] : body));
        target.table().column(file.name() + "_name").ifPresent(c -> values.put(c.name(), fileName));
        if (rows.update(target.table(), target.id(), values, null).isEmpty()) {
            throw DataverseException.rowNotFound(target.table().logicalName(), target.id());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{resource}/{*rest}")
    ResponseEntity<Void> associate(
            @PathVariable String resource,
            @PathVariable String rest,
            @RequestBody(required = false) byte[] body,
            @AuthenticationPrincipal Jwt caller) {
        Target target = target(resource, rest);
        if (!"$ref".equals(target.suffix()) || target.key() != null) {
            throw DataverseException.resourceNotFound(segment(rest));
        }
        StoreSchema schema = schemas.current();
        Reference other = reference(target, odataId(target.table(), body));
        privileges.require(caller, Privilege.WRITE, target.table());
        privileges.require(caller, Privilege.READ, other.table());
        requireRow(target.table(), target.id());
        requireRow(other.table(), other.id());
        Optional<ManyToManyDefinition> manyToMany = schema.manyToMany(target.table(), target.property());
        if (manyToMany.isPresent()) {
            associations.associate(manyToMany.get(), target.table(), target.id(), other.id());
        } else {
            StoreSchema.OneToMany oneToMany =
                    schema.oneToMany(target.table(), target.property()).orElseThrow();
            rows.update(other.table(), other.id(), lookup(oneToMany.lookup(), target.id()), null);
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{resource}/{*rest}")
    ResponseEntity<Void> setLookup(
            @PathVariable String resource,
            @PathVariable String rest,
            @RequestBody(required = false) byte[] body,
            @AuthenticationPrincipal Jwt caller) {
        Target target = target(resource, rest);
        ColumnDefinition lookup = target.table()
                .navigation(target.property())
                .filter(c -> "$ref".equals(target.suffix()))
                .orElseThrow(() -> DataverseException.resourceNotFound(segment(rest)));
        Reference other = reference(target, odataId(target.table(), body));
        privileges.require(caller, Privilege.WRITE, target.table());
        requireRow(other.table(), other.id());
        if (rows.update(target.table(), target.id(), lookup(lookup, other.id()), null)
                .isEmpty()) {
            throw DataverseException.rowNotFound(target.table().logicalName(), target.id());
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{resource}/{*rest}")
    ResponseEntity<Void> delete(
            @PathVariable String resource,
            @PathVariable String rest,
            @RequestParam(name = "$id", required = false) String odataId,
            @AuthenticationPrincipal Jwt caller) {
        Target target = target(resource, rest);
        Optional<ColumnDefinition> file = fileColumn(target).filter(c -> target.suffix() == null);
        if (file.isPresent()) {
            privileges.require(caller, Privilege.WRITE, target.table());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(file.get().name(), null);
            target.table().column(file.get().name() + "_name").ifPresent(c -> values.put(c.name(), null));
            if (rows.update(target.table(), target.id(), values, null).isEmpty()) {
                throw DataverseException.rowNotFound(target.table().logicalName(), target.id());
            }
            return ResponseEntity.noContent().build();
        }
        if (!"$ref".equals(target.suffix())) {
            throw DataverseException.resourceNotFound(segment(rest));
        }
        privileges.require(caller, Privilege.WRITE, target.table());
        StoreSchema schema = schemas.current();
        Optional<ColumnDefinition> single = target.table().navigation(target.property());
        if (single.isPresent() && target.key() == null && odataId == null) {
            if (rows.update(target.table(), target.id(), lookup(single.get(), null), null)
                    .isEmpty()) {
                throw DataverseException.rowNotFound(target.table().logicalName(), target.id());
            }
            return ResponseEntity.noContent().build();
        }
        UUID otherId = target.key() != null
                ? parseId(target.key())
                : odataId != null ? reference(target, odataId).id() : null;
        if (otherId == null) {
            throw DataverseException.badQuery(
                    "Name the row to disassociate: " + target.property() + "(<id>)/$ref or $ref?$id=<url>.");
        }
        Optional<ManyToManyDefinition> manyToMany = schema.manyToMany(target.table(), target.property());
        if (manyToMany.isPresent()) {
            associations.disassociate(manyToMany.get(), target.table(), target.id(), otherId);
        } else {
            StoreSchema.OneToMany oneToMany = schema.oneToMany(target.table(), target.property())
                    .orElseThrow(() -> DataverseException.resourceNotFound(target.property()));
            // only a row that points at this one is let go
            rows.find(oneToMany.referencing(), otherId, List.of(oneToMany.lookup()))
                    .filter(row -> target.id().equals(row.get(oneToMany.lookup().name())))
                    .ifPresent(row ->
                            rows.update(oneToMany.referencing(), otherId, lookup(oneToMany.lookup(), null), null));
        }
        return ResponseEntity.noContent().build();
    }

    private Target target(String resource, String rest) {
        ResourcePath path = ResourcePath.parse(resource);
        TableDefinition table = schemas.current()
                .entitySet(path.name())
                .orElseThrow(() -> DataverseException.resourceNotFound(path.name()));
        if (path.isCollection()) {
            throw DataverseException.resourceNotFound(segment(rest));
        }
        UUID id = path.id(table.primaryId());
        Matcher matcher = SEGMENT.matcher(rest);
        if (!matcher.matches()) {
            throw DataverseException.resourceNotFound(segment(rest));
        }
        String property = matcher.group(1);
        StoreSchema schema = schemas.current();
        boolean known = table.navigation(property).isPresent()
                || schema.oneToMany(table, property).isPresent()
                || schema.manyToMany(table, property).isPresent()
                || table.column(property)
                        .filter(c -> c.type() == ColumnType.FILE)
                        .isPresent();
        if (!known) {
            throw DataverseException.resourceNotFound(property);
        }
        return new Target(table, id, property, matcher.group(2), matcher.group(3));
    }

    private static Optional<ColumnDefinition> fileColumn(Target target) {
        return target.table()
                .column(target.property())
                .filter(c -> c.type() == ColumnType.FILE && target.key() == null);
    }

    /** A row named by its URL, checked to be of the table across the navigation property. */
    private record Reference(TableDefinition table, UUID id) {}

    private Reference reference(Target target, String url) {
        StoreSchema schema = schemas.current();
        String expected = schema.manyToMany(target.table(), target.property())
                .map(r -> r.otherTable(target.table().logicalName()))
                .or(() -> schema.oneToMany(target.table(), target.property())
                        .map(r -> r.referencing().logicalName()))
                .or(() -> target.table().navigation(target.property()).map(ColumnDefinition::target))
                .orElseThrow(() -> DataverseException.resourceNotFound(target.property()));
        TableDefinition table = schema.requireTable(expected);
        Matcher matcher = ROW_URL.matcher(url == null ? "" : url.trim());
        if (!matcher.matches() || !matcher.group(1).equals(table.entitySetName())) {
            throw DataverseException.badPayload(
                    target.table().logicalName(),
                    "The @odata.id of " + target.property()
                            + " must be the URL of a row of " + table.entitySetName() + ", like '"
                            + table.entitySetName()
                            + "(00000000-0000-0000-0000-000000000000)'.");
        }
        return new Reference(table, parseId(matcher.group(2)));
    }

    private String odataId(TableDefinition table, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode json = text.isBlank() ? null : mapper.readTree(text);
            if (json != null
                    && json.get("@odata.id") != null
                    && json.get("@odata.id").isString()) {
                return json.get("@odata.id").asString();
            }
        } catch (JacksonException e) {
            throw DataverseException.badPayload(
                    table.logicalName(), "The request body is not valid JSON: " + e.getOriginalMessage());
        }
        throw DataverseException.badPayload(
                table.logicalName(), "A $ref request needs a body {\"@odata.id\":\"<URL of the row>\"}.");
    }

    private void requireRow(TableDefinition table, UUID id) {
        if (!rows.exists(table, id)) {
            throw DataverseException.rowNotFound(table.logicalName(), id);
        }
    }

    private static Map<String, Object> lookup(ColumnDefinition lookup, UUID value) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(lookup.name(), value);
        return values;
    }

    private static UUID parseId(String raw) {
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw DataverseException.badQuery("Bad Request - Error in query syntax: invalid key '" + raw + "'.");
        }
    }

    private static String segment(String rest) {
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }
}
