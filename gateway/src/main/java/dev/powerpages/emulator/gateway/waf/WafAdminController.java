package dev.powerpages.emulator.gateway.waf;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.powerpages.emulator.gateway.admin.AdminKeyFilter;
import dev.powerpages.emulator.gateway.edge.EdgeError;
import dev.powerpages.emulator.gateway.edge.EdgeReference;
import dev.powerpages.emulator.gateway.waf.policy.InvalidPolicyException;
import dev.powerpages.emulator.gateway.waf.policy.WafPolicy;

/**
 * {@code /_edge/admin/waf}: the WAF policy in Front Door's shape (GET), changed by a JSON merge
 * patch (PATCH, RFC 7396), and the WAF log ({@code /logs}). The admin key guards both
 * ({@link AdminKeyFilter}).
 */
@RestController
class WafAdminController {

	private final WafPolicyStore store;

	private final WafLog wafLog;

	WafAdminController(WafPolicyStore store, WafLog wafLog) {
		this.store = store;
		this.wafLog = wafLog;
	}

	@GetMapping(AdminKeyFilter.PREFIX + "/waf")
	WafPolicy policy() {
		return store.policy();
	}

	@PatchMapping(path = AdminKeyFilter.PREFIX + "/waf", consumes = { "application/merge-patch+json", "application/json" })
	WafPolicy patch(@RequestBody JsonNode patch) {
		return store.patch(patch);
	}

	/** Newest first; {@code reference} narrows to one request's X-Azure-Ref. */
	@GetMapping(AdminKeyFilter.PREFIX + "/waf/logs")
	LogPage logs(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String reference) {
		return new LogPage(wafLog.recent(Math.max(1, Math.min(limit, 10_000)), reference));
	}

	record LogPage(List<WafLog.Entry> value) {
	}

	/** Azure's error shape, as ARM answers an invalid policy: 400 with every problem named. */
	@ExceptionHandler(InvalidPolicyException.class)
	ResponseEntity<EdgeError> invalid(InvalidPolicyException ex, ServerWebExchange exchange) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(EdgeError.of("InvalidResourceProperties", ex.getMessage(), EdgeReference.of(exchange)));
	}

}
