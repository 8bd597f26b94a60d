package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.api.ArmException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The edge's Front Door resources at Azure Resource Manager's paths.
 * <ul>
 * <li>{@code Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/{policy}}: the gateway's WAF policy
 * (learn.microsoft.com/rest/api/frontdoorservice/webapplicationfirewall/policies: Create Or Update replaces the whole
 * policy, Get, Delete, List, List By Subscription, and Update, which changes tags only). The edge holds one policy:
 * a PUT of its name replaces it; with none (after a DELETE) a PUT of any valid name creates it.</li>
 * <li>{@code Microsoft.Cdn/profiles/{profile}/afdEndpoints/{endpoint}/purge}: AFD Endpoints - Purge Content
 * (learn.microsoft.com/rest/api/frontdoor/azurefrontdoorstandardpremium/afd-endpoints/purge-content), a long-running
 * operation: 202 with {@code Azure-AsyncOperation}, {@code Location} and {@code Retry-After}, then the operation's
 * status to poll ("Asynchronous operations", Azure Resource Manager RPC).</li>
 * </ul>
 */
@ArmApi
class FrontDoorResources {

    private static final String WAF_TYPE = "Microsoft.Network/frontdoorwebapplicationfirewallpolicies";
    private static final String POLICIES = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
            + "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies";
    private static final String ENDPOINT = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
            + "Microsoft.Cdn/profiles/{profile}/afdEndpoints/{endpoint}";
    private static final String OPERATION = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
            + "Microsoft.Cdn/operationresults/{operationId}";

    /** Front Door WAF policy names: a letter, then letters and digits, at most 128 ("Policies - Create Or Update"). */
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,127}");

    private final FrontDoorGateway gateway;
    private final PurgeOperations purges;
    private final ArmScope scope;
    private final ArmProperties properties;
    private final JsonMapper json;
    /**
     * ARM's conditional writes read the policy, check {@code If-Match} against it and write: one at a time, so that
     * two writers holding the same etag cannot both succeed, and a tags PATCH cannot put back a policy a PUT has just
     * replaced (both acknowledged, one lost). The gateway's own admin API is another writer this cannot order.
     */
    private final Object writes = new Object();

    FrontDoorResources(
            FrontDoorGateway gateway,
            PurgeOperations purges,
            ArmScope scope,
            ArmProperties properties,
            JsonMapper json) {
        this.gateway = gateway;
        this.purges = purges;
        this.scope = scope;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies")
    Map<String, Object> listBySubscription(
            @PathVariable String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.WAF_POLICIES, apiVersion);
        scope.subscription(subscriptionId);
        return Map.of(
                "value",
                gateway.policy().map(policy -> List.of(resource(policy))).orElse(List.of()));
    }

    @GetMapping(POLICIES)
    Map<String, Object> list(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        checkWaf(subscriptionId, resourceGroup, apiVersion);
        return Map.of(
                "value",
                gateway.policy().map(policy -> List.of(resource(policy))).orElse(List.of()));
    }

    @GetMapping(POLICIES + "/{policy}")
    ResponseEntity<JsonNode> get(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String policy,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        checkWaf(subscriptionId, resourceGroup, apiVersion);
        return withEtag(resource(named(policy)));
    }

    /** The whole policy: what the body leaves out takes Front Door's defaults, as a PUT does. */
    @PutMapping(POLICIES + "/{policy}")
    ResponseEntity<JsonNode> put(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String policy,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        checkWaf(subscriptionId, resourceGroup, apiVersion);
        if (!POLICY_NAME.matcher(policy).matches()) {
            throw new ArmException(
                    HttpStatus.BAD_REQUEST,
                    "InvalidResourceName",
                    "Resource name '" + policy
                            + "' is invalid. The name must begin with a letter and contain only letters and numbers "
                            + "(at most 128).");
        }
        if (!body.isObject()) {
            throw new ArmException(
                    HttpStatus.BAD_REQUEST,
                    "InvalidRequestContent",
                    "The request content was invalid and could not be deserialized.");
        }
        FrontDoorGateway.Written written;
        synchronized (writes) {
            written = replace(policy, ifMatch, body);
        }
        return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .eTag(etag(written.policy()))
                .body(resource(written.policy()));
    }

    private FrontDoorGateway.Written replace(String policy, String ifMatch, JsonNode body) {
        var current = gateway.policy();
        if (current.isPresent() && !current.get().path("name").asString().equalsIgnoreCase(policy)) {
            throw new ArmException(
                    HttpStatus.CONFLICT,
                    "Conflict",
                    "The emulator's Front Door profile '"
                            + properties.gateway().frontDoorProfile() + "' holds one WAF policy, '"
                            + current.get().path("name").asString()
                            + "'. Replace it with a PUT of that name, or delete it "
                            + "first.");
        }
        current.ifPresent(existing -> ifMatch(ifMatch, existing));
        return gateway.put(toGateway(policy, body));
    }

    /** Policies - Update: tags only, the whole tag set replaced. */
    @PatchMapping(POLICIES + "/{policy}")
    ResponseEntity<JsonNode> patchTags(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String policy,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        checkWaf(subscriptionId, resourceGroup, apiVersion);
        synchronized (writes) {
            JsonNode current = named(policy);
            ifMatch(ifMatch, current);
            if (!body.isObject()
                    || body.properties().stream()
                            .anyMatch(member -> !member.getKey().equals("tags"))
                    || (body.has("tags")
                            && !body.get("tags").isObject()
                            && !body.get("tags").isNull())) {
                throw new ArmException(
                        HttpStatus.BAD_REQUEST,
                        "InvalidRequestContent",
                        "Only tags can be changed with "
                                + "PATCH ({\"tags\": {\"name\": \"value\"}}); PUT the whole policy to change anything else.");
            }
            ObjectNode updated = ((ObjectNode) current).deepCopy();
            if (body.path("tags").isObject()) {
                updated.set("tags", body.get("tags"));
            } else {
                updated.remove("tags");
            }
            return withEtag(resource(gateway.put(updated).policy()));
        }
    }

    @DeleteMapping(POLICIES + "/{policy}")
    ResponseEntity<Void> delete(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String policy,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        checkWaf(subscriptionId, resourceGroup, apiVersion);
        synchronized (writes) {
            var current = gateway.policy().filter(p -> p.path("name").asString().equalsIgnoreCase(policy));
            if (current.isEmpty()) {
                return ResponseEntity.noContent().build();
            }
            ifMatch(ifMatch, current.get());
            return gateway.deletePolicy()
                    ? ResponseEntity.ok().build()
                    : ResponseEntity.noContent().build();
        }
    }

    /** AFD Endpoints - Purge Content: 202 and an operation to poll; the gateway's cache is purged meanwhile. */
    @PostMapping(ENDPOINT + "/purge")
    ResponseEntity<Void> purge(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String profile,
            @PathVariable String endpoint,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @RequestBody(required = false) PurgeParameters body,
            HttpServletRequest request) {
        ApiVersions.require(ApiVersions.AFD_ENDPOINTS, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
        frontDoorEndpoint(profile, endpoint);
        List<String> contentPaths = validContentPaths(body);
        String operation = purges.start(contentPaths);
        String status = base(request)
                + OPERATION
                        .replace("{subscriptionId}", properties.subscriptionId())
                        .replace("{resourceGroup}", properties.resourceGroup())
                        .replace("{operationId}", operation)
                + "?api-version=" + apiVersion;
        return ResponseEntity.accepted()
                .header("Azure-AsyncOperation", status)
                .location(URI.create(status.replace("?api-version", "/result?api-version")))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build();
    }

    record PurgeParameters(List<String> contentPaths, List<String> domains) {}

    /** The Azure-AsyncOperation status: InProgress, then Succeeded or Failed (with ARM's error). */
    @GetMapping(OPERATION)
    ResponseEntity<Map<String, Object>> operation(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String operationId,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.CDN_OPERATION_RESULTS, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
        PurgeOperations.Operation operation = operation(operationId);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", scope.resourceGroupId() + "/providers/Microsoft.Cdn/operationresults/" + operationId);
        status.put("name", operationId);
        status.put("status", operation.status());
        status.put("startTime", operation.startTime().toString());
        if (operation.endTime() != null) {
            status.put("endTime", operation.endTime().toString());
        }
        if (operation.errorCode() != null) {
            status.put("error", Map.of("code", operation.errorCode(), "message", operation.errorMessage()));
        }
        var answer = ResponseEntity.ok();
        if (!operation.done()) {
            answer.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return answer.body(status);
    }

    /** The Location form: 202 while the purge runs, 204 once it succeeded, the operation's error if it failed. */
    @GetMapping(OPERATION + "/result")
    ResponseEntity<Object> operationResult(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String operationId,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            HttpServletRequest request) {
        ApiVersions.require(ApiVersions.CDN_OPERATION_RESULTS, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
        PurgeOperations.Operation operation = operation(operationId);
        if (!operation.done()) {
            return ResponseEntity.accepted()
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .location(URI.create(base(request) + request.getRequestURI() + "?api-version=" + apiVersion))
                    .build();
        }
        if (operation.status().equals("Succeeded")) {
            return ResponseEntity.noContent().build();
        }
        throw new ArmException(HttpStatus.SERVICE_UNAVAILABLE, operation.errorCode(), operation.errorMessage());
    }

    /** The Front Door profile and endpoint the edge plays, as read-only resources. */
    @GetMapping(
            "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Cdn/profiles/{profile}")
    Map<String, Object> profile(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String profile,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.CDN_PROFILES, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
        frontDoorEndpoint(profile, properties.gateway().afdEndpoint());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put(
                "id",
                scope.resourceId("Microsoft.Cdn/profiles", properties.gateway().frontDoorProfile()));
        resource.put("name", properties.gateway().frontDoorProfile());
        resource.put("type", "Microsoft.Cdn/profiles");
        resource.put("location", "Global");
        resource.put("kind", "frontdoor");
        resource.put("sku", Map.of("name", "Premium_AzureFrontDoor"));
        resource.put(
                "properties",
                Map.of(
                        "provisioningState",
                        "Succeeded",
                        "resourceState",
                        "Active",
                        "originResponseTimeoutSeconds",
                        60));
        return resource;
    }

    @GetMapping(ENDPOINT)
    Map<String, Object> endpoint(
            @PathVariable String subscriptionId,
            @PathVariable String resourceGroup,
            @PathVariable String profile,
            @PathVariable String endpoint,
            @RequestParam(name = "api-version", required = false) String apiVersion) {
        ApiVersions.require(ApiVersions.AFD_ENDPOINTS, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
        frontDoorEndpoint(profile, endpoint);
        String name = properties.gateway().afdEndpoint();
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put(
                "id",
                scope.resourceId("Microsoft.Cdn/profiles", properties.gateway().frontDoorProfile()) + "/afdEndpoints/"
                        + name);
        resource.put("name", name);
        resource.put("type", "Microsoft.Cdn/profiles/afdEndpoints");
        resource.put("location", "Global");
        resource.put(
                "properties",
                Map.of(
                        "hostName",
                        URI.create(properties.gateway().url()).getAuthority(),
                        "enabledState",
                        "Enabled",
                        "provisioningState",
                        "Succeeded",
                        "deploymentStatus",
                        "Succeeded"));
        return resource;
    }

    private void checkWaf(String subscriptionId, String resourceGroup, String apiVersion) {
        ApiVersions.require(ApiVersions.WAF_POLICIES, apiVersion);
        scope.resourceGroup(subscriptionId, resourceGroup);
    }

    private JsonNode named(String policy) {
        return gateway.policy()
                .filter(p -> p.path("name").asString().equalsIgnoreCase(policy))
                .orElseThrow(() -> ArmScope.notFound(ApiVersions.WAF_POLICIES, policy, properties.resourceGroup()));
    }

    private void frontDoorEndpoint(String profile, String endpoint) {
        ArmProperties.Gateway edge = properties.gateway();
        if (!edge.frontDoorProfile().equalsIgnoreCase(profile)) {
            throw ArmScope.notFound("Microsoft.Cdn/profiles", profile, properties.resourceGroup());
        }
        if (!edge.afdEndpoint().equalsIgnoreCase(endpoint)) {
            throw ArmScope.notFound(
                    "Microsoft.Cdn/profiles/" + profile + "/afdEndpoints", endpoint, properties.resourceGroup());
        }
    }

    private PurgeOperations.Operation operation(String operationId) {
        return purges.find(operationId)
                .orElseThrow(() -> new ArmException(
                        HttpStatus.NOT_FOUND, "NotFound", "The operation '" + operationId + "' was not found."));
    }

    /** Front Door's purge rules: at least one path, each starting with '/', a wildcard only as '/folder/*'. */
    private static List<String> validContentPaths(PurgeParameters body) {
        if (body == null || body.contentPaths() == null || body.contentPaths().isEmpty()) {
            throw new ArmException(
                    HttpStatus.BAD_REQUEST, "BadRequest", "contentPaths must list at least one path to purge.");
        }
        for (String path : body.contentPaths()) {
            if (path == null
                    || !path.startsWith("/")
                    || (path.contains("*") && !path.endsWith("/*"))
                    || path.indexOf('*') != path.lastIndexOf('*')) {
                throw new ArmException(
                        HttpStatus.BAD_REQUEST,
                        "BadRequest",
                        "Invalid content path '" + path
                                + "': a path starts with '/', and a wildcard is allowed only as the last segment ('/css/*').");
            }
        }
        return List.copyOf(body.contentPaths());
    }

    /** ARM's resource: the gateway's policy with id, etag and the read-only state properties. */
    private JsonNode resource(JsonNode policy) {
        ObjectNode resource = json.createObjectNode();
        String name = policy.path("name").asString();
        resource.put("id", scope.resourceId(ApiVersions.WAF_POLICIES, name));
        resource.put("name", name);
        resource.put("type", WAF_TYPE);
        resource.put("location", policy.path("location").asString("Global"));
        resource.set("tags", policy.path("tags").isObject() ? policy.get("tags") : json.createObjectNode());
        resource.put("etag", etag(policy));
        if (policy.has("sku")) {
            resource.set("sku", policy.get("sku"));
        }
        ObjectNode props = policy.path("properties").isObject()
                ? ((ObjectNode) policy.get("properties")).deepCopy()
                : json.createObjectNode();
        String securityPolicy =
                scope.resourceId("Microsoft.Cdn/profiles", properties.gateway().frontDoorProfile())
                        + "/securityPolicies/" + name;
        props.set("frontendEndpointLinks", json.createArrayNode());
        props.set("routingRuleLinks", json.createArrayNode());
        props.set(
                "securityPolicyLinks",
                json.createArrayNode().add(json.createObjectNode().put("id", securityPolicy)));
        props.put("provisioningState", "Succeeded");
        props.put("resourceState", "Enabled");
        resource.set("properties", props);
        return resource;
    }

    /** What the gateway keeps: the body without ARM's read-only parts, named by the URL. */
    private JsonNode toGateway(String name, JsonNode body) {
        ObjectNode policy = json.createObjectNode();
        policy.put("name", name);
        policy.put("type", WAF_TYPE);
        policy.put("location", body.path("location").asString("Global"));
        if (body.path("tags").isObject()) {
            policy.set("tags", body.get("tags"));
        }
        if (body.path("sku").isObject()) {
            policy.set("sku", body.get("sku"));
        }
        ObjectNode props = json.createObjectNode();
        JsonNode given = body.path("properties");
        for (String writable : List.of("policySettings", "customRules", "managedRules")) {
            if (given.has(writable) && !given.get(writable).isNull()) {
                props.set(writable, given.get(writable));
            }
        }
        policy.set("properties", props);
        return policy;
    }

    private ResponseEntity<JsonNode> withEtag(JsonNode resource) {
        return ResponseEntity.ok().eTag(resource.path("etag").asString()).body(resource);
    }

    /** ARM's optimistic concurrency: {@code If-Match} must name the current etag (or be {@code *}). */
    private void ifMatch(String ifMatch, JsonNode current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String wanted = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        if (!wanted.equals(etag(current).replace("\"", ""))) {
            throw new ArmException(
                    HttpStatus.PRECONDITION_FAILED,
                    "PreconditionFailed",
                    "The policy has changed: " + "its etag is not '" + ifMatch
                            + "'. Read it again and retry with the current etag.");
        }
    }

    /** A strong etag derived from the policy's content, so that it changes whenever the policy does. */
    private String etag(JsonNode policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(policy).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String base(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }
}
