package dev.powerpages.emulator.gateway.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.policy.InvalidPolicyException;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class WafPolicyStoreTest {

    static final ManagedRuleCatalog catalog = new ManagedRuleCatalog();

    final JsonMapper json = JsonMapper.builder().build();

    WafPolicyStore store(Path file) {
        return new WafPolicyStore(
                WafPropertiesFixture.of(WafPreset.PowerPages, file, DataSize.ofMegabytes(4), 0, 0), catalog, json);
    }

    @Test
    void startsDisabledInPreventionWithThePowerPagesRuleSet() {
        WafPolicyStore store = store(null);
        assertThat(store.inspector().enabled()).isFalse();
        assertThat(store.inspector().prevention()).isTrue();
        assertThat(store.policy().properties().policySettings().customBlockResponseStatusCode())
                .isEqualTo(403);
    }

    @Test
    void aPatchedPolicySurvivesARestart(@TempDir Path directory) {
        Path file = directory.resolve("data/gateway/waf-policy.json");
        store(file)
                .patch(json.readTree(
                        "{\"properties\":{\"policySettings\":{\"enabledState\":\"Enabled\",\"mode\":\"Detection\"}}}"));
        WafPolicyStore restarted = store(file);
        assertThat(restarted.inspector().enabled()).isTrue();
        assertThat(restarted.inspector().prevention()).isFalse();
        assertThat(restarted.policy().properties().managedRules().managedRuleSets())
                .hasSize(2);
    }

    @Test
    void mergePatchRemovesMembersSetToNullAndKeepsTheRest() {
        WafPolicyStore store = store(null);
        store.patch(
                json.readTree("{\"properties\":{\"policySettings\":{\"customBlockResponseBody\":\"YmxvY2tlZA==\"}}}"));
        store.patch(
                json.readTree(
                        "{\"properties\":{\"policySettings\":{\"customBlockResponseBody\":null,\"enabledState\":\"Enabled\"}}}"));
        assertThat(store.policy().properties().policySettings().customBlockResponseBody())
                .isNull();
        assertThat(store.policy().properties().policySettings().mode()).isEqualTo("Prevention");
    }

    @Test
    void rejectsPoliciesBeyondFrontDoorsLimitsAndKeepsTheCurrentOne() {
        WafPolicyStore store = store(null);
        StringBuilder ranges = new StringBuilder();
        for (int i = 0; i < 601; i++) {
            ranges.append(i == 0 ? "" : ",")
                    .append("\"10.0.")
                    .append(i / 256)
                    .append('.')
                    .append(i % 256)
                    .append('"');
        }
        assertThatThrownBy(() -> store.patch(json.readTree("""
				{"properties":{"customRules":{"rules":[{"name":"Many","priority":1,"ruleType":"RateLimitRule","action":"Block",
				 "rateLimitDurationInMinutes":2,"rateLimitThreshold":10,
				 "matchConditions":[{"matchVariable":"RemoteAddr","operator":"IPMatch","matchValue":[%s]}]}]}}}
				""".formatted(ranges))))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("at most 600")
                .hasMessageContaining("rateLimitDurationInMinutes must be 1 or 5");
        assertThat(store.policy().properties().customRules().rules()).isEmpty();
    }
}
