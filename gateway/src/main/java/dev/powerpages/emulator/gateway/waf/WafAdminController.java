package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.gateway.admin.EdgeAdminSecurity;
import dev.powerpages.emulator.gateway.edge.EdgeError;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import dev.powerpages.emulator.waf.policy.InvalidPolicyException;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.JsonNode;

/**
 * {@code /_edge/admin/waf}: the WAF policy in Front Door's shape (GET), changed by a JSON merge
 * patch (PATCH, RFC 7396), replaced whole (PUT) or removed (DELETE), and the WAF log ({@code /logs}).
 * The traffic manager's resource-manager endpoint serves this policy as the ARM resource
 * {@code Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/<name>} through these calls. The admin key guards both
 * ({@link EdgeAdminSecurity}).
 */
@RestController
class WafAdminController {

    private final WafPolicyStore store;

    private final WafLog wafLog;

    WafAdminController(WafPolicyStore store, WafLog wafLog) {
        this.store = store;
        this.wafLog = wafLog;
    }

    /** The policy; 404 in Azure's error shape after a DELETE (the edge then has none). */
    @GetMapping(EdgeAdminSecurity.PREFIX + "/waf")
    ResponseEntity<?> policy(ServerWebExchange exchange) {
        return store.existing().<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> noPolicy(exchange));
    }

    /**
     * Replaces the whole policy, as ARM's PUT of a {@code FrontDoorWebApplicationFirewallPolicies} resource does
     * (what the body leaves out takes Front Door's defaults): 201 when the edge had none, else 200.
     */
    @PutMapping(path = EdgeAdminSecurity.PREFIX + "/waf", consumes = "application/json")
    ResponseEntity<WafPolicy> replace(@RequestBody WafPolicy policy) {
        boolean created = store.replace(policy);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(store.policy());
    }

    /** Removes the policy: the edge inspects nothing until a PUT or PATCH brings one back. 204 when there was none. */
    @DeleteMapping(EdgeAdminSecurity.PREFIX + "/waf")
    ResponseEntity<Void> delete() {
        return store.delete()
                ? ResponseEntity.ok().build()
                : ResponseEntity.noContent().build();
    }

    private static ResponseEntity<EdgeError> noPolicy(ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(EdgeError.of(
                        "ResourceNotFound",
                        "The edge has no WAF policy (it was deleted); PUT one to /_edge/admin/waf.",
                        EdgeReference.of(exchange)));
    }

    @PatchMapping(
            path = EdgeAdminSecurity.PREFIX + "/waf",
            consumes = {"application/merge-patch+json", "application/json"})
    WafPolicy patch(@RequestBody JsonNode patch) {
        return store.patch(patch);
    }

    /** Newest first; {@code reference} narrows to one request's X-Azure-Ref. */
    @GetMapping(EdgeAdminSecurity.PREFIX + "/waf/logs")
    LogPage logs(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String reference) {
        return new LogPage(wafLog.recent(Math.max(1, Math.min(limit, 10_000)), reference));
    }

    record LogPage(List<WafLog.Entry> value) {}

    /** Azure's error shape, as ARM answers an invalid policy: 400 with every problem named. */
    @ExceptionHandler(InvalidPolicyException.class)
    ResponseEntity<EdgeError> invalid(InvalidPolicyException ex, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(EdgeError.of("InvalidResourceProperties", ex.getMessage(), EdgeReference.of(exchange)));
    }
}
