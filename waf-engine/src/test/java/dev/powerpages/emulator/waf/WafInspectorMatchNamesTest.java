package dev.powerpages.emulator.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.engine.WafRequestParser;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import dev.powerpages.emulator.waf.policy.WafPolicy.Exclusion;
import dev.powerpages.emulator.waf.policy.WafPolicy.ManagedRuleOverride;
import dev.powerpages.emulator.waf.policy.WafPolicy.RuleGroupOverride;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the WAF log names for each finding (the variable a rule fired on: ModSecurity's MATCHED_VAR_NAME, e.g.
 * {@code ARGS:comment}, {@code REQUEST_COOKIES:sid}, {@code REQUEST_PROTOCOL}) and which findings Front Door's
 * exclusions remove, at the rule set's, a group's and a rule's level, with the Full preset's rules. The expected lists
 * were taken from the engine before its selections were numbered when the rules load (issue 16, target 3): the engine
 * keeps each request's selections by number, shares one selection among the groups without exclusions and makes the
 * names only for a match, and none of that may change a finding.
 */
class WafInspectorMatchNamesTest {

    private static final ManagedRuleCatalog catalog = new ManagedRuleCatalog();

    private static final WafRequestParser parser = new WafRequestParser(128 * 1024);

    private static final String QUERY = "/search?comment=%3Cscript%3Ealert(1)%3C/script%3E;cat%20/etc/passwd"
            + "&$filter=1%20union%20select%20password%20from%20users&id=1%20union%20select%20password%20from%20users";

    private static final String FORM =
            "comment=%3Cscript%3Ealert(1)%3C/script%3E;cat%20/etc/passwd&$filter=1%20union%20select%20password";

    private static final String JSON =
            "{\"order\":{\"note\":\"<script>alert(1)</script>\",\"id\":\"1 union select password from users\"}}";

    /** A body without '=' read as a form (CRS 901340): the same value is an argument name and REQUEST_BODY. */
    private static final String PLAIN = "<script>alert(1)</script>";

    /** The Full preset as is: its one exclusion keeps the OData options ($filter) from the SQLI group. */
    private static final WafInspector FULL = inspector(null, List.of());

    /**
     * Exclusions at every level: the rule set's (the cookie sid, the header X-Note), the XSS group's (query argument
     * names starting with "comm", JSON's order.note), 930120's (argument names containing "omm") and 932160's (every
     * body argument name: Front Door's RequestBodyPostArgNames reaches ARGS as a whole).
     */
    private static final WafInspector EXCLUDING = inspector(
            List.of(
                    new Exclusion("RequestCookieNames", "Equals", "SID"),
                    new Exclusion("RequestHeaderNames", "Equals", "x-note")),
            List.of(
                    new RuleGroupOverride(
                            "XSS",
                            List.of(
                                    new Exclusion("QueryStringArgNames", "StartsWith", "COMM"),
                                    new Exclusion("RequestBodyJsonArgNames", "Equals", "order.note")),
                            null),
                    new RuleGroupOverride(
                            "LFI",
                            null,
                            List.of(new ManagedRuleOverride(
                                    "930120",
                                    null,
                                    null,
                                    List.of(new Exclusion("QueryStringArgNames", "Contains", "omm"))))),
                    new RuleGroupOverride(
                            "RCE",
                            null,
                            List.of(new ManagedRuleOverride(
                                    "932160",
                                    null,
                                    null,
                                    List.of(new Exclusion("RequestBodyPostArgNames", "EqualsAny", null)))))));

    @Test
    void findingsNameTheVariableEachRuleFiredOn() {
        assertThat(findings(FULL, "GET", QUERY, null, ""))
                .containsExactly(
                        "930120 ARGS:comment",
                        "932160 ARGS:comment",
                        "941100 REQUEST_COOKIES:sid",
                        "941110 REQUEST_COOKIES:sid",
                        "941160 REQUEST_COOKIES:sid",
                        "941390 ARGS:comment",
                        "942100 ARGS:id",
                        "942190 ARGS:id",
                        "942270 ARGS:id",
                        "942360 ARGS:id",
                        "Bot100200 REQUEST_HEADERS:User-Agent");
        assertThat(findings(FULL, "POST", "/contact", "application/x-www-form-urlencoded", FORM))
                .containsExactly(
                        "920180 REQUEST_PROTOCOL",
                        "930120 ARGS:comment",
                        "932160 ARGS:comment",
                        "941100 REQUEST_COOKIES:sid",
                        "941110 REQUEST_COOKIES:sid",
                        "941160 REQUEST_COOKIES:sid",
                        "941390 ARGS:comment",
                        "Bot100200 REQUEST_HEADERS:User-Agent");
        assertThat(findings(FULL, "POST", "/_api/contacts", "application/json", JSON))
                .containsExactly(
                        "920180 REQUEST_PROTOCOL",
                        "941100 REQUEST_COOKIES:sid",
                        "941110 REQUEST_COOKIES:sid",
                        "941160 REQUEST_COOKIES:sid",
                        "941390 ARGS:json.order.note",
                        "942100 ARGS:json.order.id",
                        "942190 ARGS:json.order.id",
                        "942270 ARGS:json.order.id",
                        "942360 ARGS:json.order.id",
                        "Bot100200 REQUEST_HEADERS:User-Agent");
        // 941390 reads ARGS_NAMES before REQUEST_BODY: the value is read once, under the first name.
        assertThat(findings(FULL, "POST", "/contact", "text/plain", PLAIN))
                .containsExactly(
                        "920180 REQUEST_PROTOCOL",
                        "941100 REQUEST_COOKIES:sid",
                        "941110 REQUEST_COOKIES:sid",
                        "941160 REQUEST_COOKIES:sid",
                        "941390 ARGS_NAMES:<script>alert(1)</script>",
                        "Bot100200 REQUEST_HEADERS:User-Agent");
    }

    @Test
    void exclusionsOfTheRuleSetAGroupAndARuleRemoveOnlyTheirFindings() {
        assertThat(findings(EXCLUDING, "GET", QUERY, null, ""))
                .containsExactly(
                        "942100 ARGS:id",
                        "942190 ARGS:id",
                        "942270 ARGS:id",
                        "942360 ARGS:id",
                        "Bot100200 REQUEST_HEADERS:User-Agent");
        assertThat(findings(EXCLUDING, "POST", "/contact", "application/x-www-form-urlencoded", FORM))
                .containsExactly("920180 REQUEST_PROTOCOL", "Bot100200 REQUEST_HEADERS:User-Agent");
        assertThat(findings(EXCLUDING, "POST", "/_api/contacts", "application/json", JSON))
                .containsExactly(
                        "920180 REQUEST_PROTOCOL",
                        "942100 ARGS:json.order.id",
                        "942190 ARGS:json.order.id",
                        "942270 ARGS:json.order.id",
                        "942360 ARGS:json.order.id",
                        "Bot100200 REQUEST_HEADERS:User-Agent");
        // The cookie excluded, the XSS rules that fired on it find the body's argument name instead.
        assertThat(findings(EXCLUDING, "POST", "/contact", "text/plain", PLAIN))
                .containsExactly(
                        "920180 REQUEST_PROTOCOL",
                        "941100 ARGS_NAMES:<script>alert(1)</script>",
                        "941110 ARGS_NAMES:<script>alert(1)</script>",
                        "941160 ARGS_NAMES:<script>alert(1)</script>",
                        "941390 ARGS_NAMES:<script>alert(1)</script>",
                        "Bot100200 REQUEST_HEADERS:User-Agent");
    }

    /** Each finding as "rule id, variable", in the order the inspector reports them. */
    private static List<String> findings(WafInspector inspector, String method, String uri, String type, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Host", "localhost"),
                Map.entry("User-Agent", "sqlmap/1.7"),
                Map.entry("Cookie", "sid=%3Cscript%3Ealert(1)%3C/script%3E; theme=dark"),
                Map.entry("X-Note", "/etc/passwd")));
        if (type != null) {
            headers.add(Map.entry("Content-Type", type));
        }
        WafRequest request =
                parser.parse(method, uri, "HTTP/1.1", headers, body.getBytes(StandardCharsets.UTF_8), "203.0.113.9");
        return inspector.inspect(request, "203.0.113.9", Instant.now()).findings().stream()
                .map(finding -> finding.ruleId() + " " + finding.variable())
                .toList();
    }

    /** The Full preset in Prevention with {@code setExclusions} and {@code overrides} added to the Default Rule Set. */
    private static WafInspector inspector(List<Exclusion> setExclusions, List<RuleGroupOverride> overrides) {
        WafPolicy policy = WafPreset.Full.policy(catalog);
        List<WafPolicy.ManagedRuleSet> sets = new ArrayList<>();
        for (WafPolicy.ManagedRuleSet set : policy.properties().managedRules().managedRuleSets()) {
            List<RuleGroupOverride> all =
                    new ArrayList<>(set.ruleGroupOverrides() == null ? List.of() : set.ruleGroupOverrides());
            if (set.ruleSetType().equals(ManagedRuleCatalog.DEFAULT_RULE_SET)) {
                all.addAll(overrides);
            }
            sets.add(new WafPolicy.ManagedRuleSet(
                    set.ruleSetType(), set.ruleSetVersion(), set.ruleSetAction(), setExclusions, all));
        }
        WafPolicy enabled = EnabledPolicies.enabled(policy, "Prevention", new WafPolicy.ManagedRules(sets));
        return new WafInspector(enabled, catalog, new GeoIpMap(Map.of()), new RateLimiter());
    }
}
