package dev.powerpages.emulator.gateway.waf;

import dev.powerpages.emulator.waf.WafInspector;
import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.policy.InvalidPolicyException;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import dev.powerpages.emulator.waf.policy.WafPolicyValidator;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds the current policy, compiled, and keeps it in the policy file so that it survives a
 * restart (the emulator's stand-in for the policy resource in Azure). A change is a JSON merge
 * patch (RFC 7396), validated as a whole before it replaces the policy.
 */
public class WafPolicyStore {

    private static final Logger log = LoggerFactory.getLogger(WafPolicyStore.class);

    private final JsonMapper jsonMapper;

    private final ManagedRuleCatalog catalog;

    private final WafPolicyValidator validator;

    private final GeoIpMap geo;

    private final RateLimiter rateLimiter = new RateLimiter();

    private final Path file;

    private final WafProperties properties;

    private final WafPolicy presetPolicy;

    /** What the policy file holds after a DELETE. */
    private static final String DELETED_MARKER = "{\"deleted\":true}";

    private volatile WafInspector current;

    /** False after a DELETE: the edge has no policy and inspects nothing, as Front Door without one. */
    private volatile boolean present = true;

    public WafPolicyStore(WafProperties properties, ManagedRuleCatalog catalog, JsonMapper jsonMapper) {
        this.jsonMapper =
                jsonMapper.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        this.catalog = catalog;
        this.validator = new WafPolicyValidator(catalog);
        this.geo = new GeoIpMap(properties.geoIp());
        this.file = properties.policyFile();
        this.properties = properties;
        this.presetPolicy = properties.preset().policy(catalog);
        WafPolicy loaded = load(properties.preset());
        this.present = loaded != null;
        this.current = compile(loaded != null ? loaded : disabled(presetPolicy));
    }

    public WafInspector inspector() {
        return current;
    }

    public WafPolicy policy() {
        return current.policy();
    }

    /** The policy, or empty when it was deleted. */
    public java.util.Optional<WafPolicy> existing() {
        return present ? java.util.Optional.of(current.policy()) : java.util.Optional.empty();
    }

    /**
     * Replaces the whole policy (ARM's PUT): validated, saved, then in effect.
     * @return true when there was no policy before (created)
     */
    public synchronized boolean replace(WafPolicy policy) {
        if (policy == null || policy.properties() == null) {
            throw new InvalidPolicyException(
                    List.of("The policy must have properties (policySettings, customRules, managedRules)."));
        }
        if (policy.name() == null || policy.type() == null) {
            // The resource's identity is not the body's to drop: a PUT without them keeps the current ones.
            WafPolicy named = present ? current.policy() : presetPolicy;
            policy = new WafPolicy(
                    policy.name() == null ? named.name() : policy.name(),
                    policy.type() == null ? named.type() : policy.type(),
                    policy.location(),
                    policy.tags(),
                    policy.sku(),
                    policy.properties());
        }
        List<String> problems = validator.validate(policy);
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        boolean created = !present;
        save(policy);
        rateLimiter.reset();
        current = compile(policy);
        present = true;
        log.info(
                "WAF policy replaced: enabledState={} mode={}",
                policy.properties().policySettings().enabledState(),
                policy.properties().policySettings().mode());
        return created;
    }

    /**
     * Deletes the policy (ARM's DELETE): the edge then inspects nothing until a PUT (or a PATCH, which starts
     * again from the preset) brings one back. Kept across restarts.
     * @return false when there was none
     */
    public synchronized boolean delete() {
        if (!present) {
            return false;
        }
        writeFile(DELETED_MARKER);
        rateLimiter.reset();
        current = compile(disabled(presetPolicy));
        present = false;
        log.info("WAF policy deleted: the edge inspects nothing");
        return true;
    }

    /** Applies a JSON merge patch; the result is validated, saved, then takes effect. */
    public synchronized WafPolicy patch(JsonNode patch) {
        if (!patch.isObject()) {
            throw new InvalidPolicyException(
                    List.of("The body must be a JSON object (a JSON merge patch of the policy)."));
        }
        JsonNode merged = mergePatch(jsonMapper.valueToTree(present ? current.policy() : presetPolicy), patch);
        WafPolicy policy;
        try {
            policy = jsonMapper.treeToValue(merged, WafPolicy.class);
        } catch (JacksonException ex) {
            throw new InvalidPolicyException(List.of("The policy cannot be read: " + ex.getOriginalMessage()));
        }
        List<String> problems = validator.validate(policy);
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        save(policy);
        rateLimiter.reset();
        current = compile(policy);
        present = true;
        log.info(
                "WAF policy changed: enabledState={} mode={}",
                policy.properties().policySettings().enabledState(),
                policy.properties().policySettings().mode());
        return policy;
    }

    /** RFC 7396: objects merge member by member, null removes a member, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonMapper.builder().build().createObjectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private WafInspector compile(WafPolicy policy) {
        return new WafInspector(
                withDefaults(policy),
                catalog,
                geo,
                rateLimiter,
                properties.inspectionBudget(),
                properties.onInspectionBudgetExhausted());
    }

    /** Front Door's defaults for settings a policy leaves out. */
    private static WafPolicy withDefaults(WafPolicy policy) {
        WafPolicy.PolicySettings s = policy.properties().policySettings();
        WafPolicy.PolicySettings settings = new WafPolicy.PolicySettings(
                s.enabledState(),
                s.mode(),
                s.customBlockResponseStatusCode() == null ? 403 : s.customBlockResponseStatusCode(),
                s.customBlockResponseBody(),
                s.redirectUrl(),
                s.requestBodyCheck() == null ? "Enabled" : s.requestBodyCheck());
        return new WafPolicy(
                policy.name(),
                policy.type(),
                policy.location(),
                policy.tags(),
                policy.sku(),
                new WafPolicy.Properties(
                        settings,
                        policy.properties().customRules(),
                        policy.properties().managedRules()));
    }

    private WafPolicy load(WafPreset preset) {
        if (file != null && Files.isRegularFile(file)) {
            try {
                if (jsonMapper.readTree(file.toFile()).path("deleted").asBoolean(false)) {
                    log.info("No WAF policy: it was deleted ({})", file);
                    return null;
                }
                WafPolicy saved = jsonMapper.readValue(file.toFile(), WafPolicy.class);
                List<String> problems = validator.validate(saved);
                if (problems.isEmpty()) {
                    log.info("WAF policy loaded from {}", file);
                    return saved;
                }
                log.warn("Ignoring the WAF policy in {}: {}", file, problems);
            } catch (JacksonException ex) {
                log.warn("Ignoring the unreadable WAF policy in {}: {}", file, ex.getOriginalMessage());
            }
        }
        return preset.policy(catalog);
    }

    private static WafPolicy disabled(WafPolicy policy) {
        WafPolicy.PolicySettings s = policy.properties().policySettings();
        return new WafPolicy(
                policy.name(),
                policy.type(),
                policy.location(),
                policy.tags(),
                policy.sku(),
                new WafPolicy.Properties(
                        new WafPolicy.PolicySettings(
                                "Disabled",
                                s.mode(),
                                s.customBlockResponseStatusCode(),
                                s.customBlockResponseBody(),
                                s.redirectUrl(),
                                s.requestBodyCheck()),
                        policy.properties().customRules(),
                        policy.properties().managedRules()));
    }

    private void save(WafPolicy policy) {
        writeFile(jsonMapper.writeValueAsString(policy));
    }

    private void writeFile(String content) {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "waf-policy", ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot save the WAF policy to " + file, ex);
        }
    }
}
