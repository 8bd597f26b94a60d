package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.waf.BudgetExhaustedAction;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param preset the policy used when no policy file exists yet (PowerPages or Full)
 * @param policyFile where the policy is kept across restarts
 * @param inspectedBodySize how much of a body the managed rules read (Front Door: the first 128 KB)
 * @param maxBodySize larger bodies get 413 while the WAF inspects bodies
 * @param maxUrlLength longer request targets get 414 (Front Door: 8 KB URLs)
 * @param maxHeaderSize larger header sections get 431 (Front Door: 32 KB of headers)
 * @param logCapacity how many matches GET /_edge/admin/waf/logs keeps
 * @param geoIp IP range to ISO country code, for GeoMatch
 * @param inspectionBudget how many characters one request's managed-rule inspection may read in
 * all (regex reads, backtracking included, and each value a transformation or other operator
 * handles); 0 or less: no limit
 * @param onInspectionBudgetExhausted what a request that exhausts it gets
 * @param inspectionThreads threads that inspect requests, off the event loop; 0 or less: one per
 * available processor
 * @param inspectionQueue requests that may wait for an inspection thread, per thread; beyond
 * them a request gets 503 at once rather than queueing without bound
 */
@ConfigurationProperties("gateway.waf")
public record WafProperties(
        WafPreset preset,
        Path policyFile,
        DataSize inspectedBodySize,
        DataSize maxBodySize,
        int maxUrlLength,
        DataSize maxHeaderSize,
        int logCapacity,
        Map<String, String> geoIp,
        long inspectionBudget,
        BudgetExhaustedAction onInspectionBudgetExhausted,
        int inspectionThreads,
        int inspectionQueue) {

    public WafProperties {
        geoIp = geoIp == null ? Map.of() : geoIp;
        onInspectionBudgetExhausted =
                onInspectionBudgetExhausted == null ? BudgetExhaustedAction.Block : onInspectionBudgetExhausted;
        inspectionThreads =
                inspectionThreads > 0 ? inspectionThreads : Runtime.getRuntime().availableProcessors();
        inspectionQueue = inspectionQueue > 0 ? inspectionQueue : 64;
    }
}
