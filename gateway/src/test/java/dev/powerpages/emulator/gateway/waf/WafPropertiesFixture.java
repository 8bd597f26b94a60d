package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.waf.BudgetExhaustedAction;
import dev.powerpages.emulator.waf.WafInspector;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * WafProperties for tests that build the WAF without Spring: the edge's limits as application.yml sets them (Front
 * Door's 128 KB of body inspected, 8,192-byte URLs, 32 KB of headers), with what each test varies given.
 */
final class WafPropertiesFixture {

    private WafPropertiesFixture() {}

    /**
     * @param inspectionThreads 0 for the default (one per core)
     * @param inspectionQueue 0 for the default
     */
    static WafProperties of(
            WafPreset preset, Path policyFile, DataSize maxBodySize, int inspectionThreads, int inspectionQueue) {
        return new WafProperties(
                preset,
                policyFile,
                DataSize.ofKilobytes(128),
                maxBodySize,
                8192,
                DataSize.ofKilobytes(32),
                100,
                Map.of(),
                WafInspector.DEFAULT_INSPECTION_BUDGET,
                BudgetExhaustedAction.Block,
                inspectionThreads,
                inspectionQueue);
    }
}
