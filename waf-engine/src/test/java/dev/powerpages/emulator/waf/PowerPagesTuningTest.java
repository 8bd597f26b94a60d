package dev.powerpages.emulator.waf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.waf.policy.WafPreset;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The false positives the benign Power Pages set found in the Full preset, rule by rule: the
 * benign request passes, and the attack the rule is there for is still blocked by that rule.
 */
class PowerPagesTuningTest {

    static Verdict get(String uri) {
        return ManagedRuleGroupsTest.inspect(WafPreset.Full, "GET", uri, "", "");
    }

    static Verdict post(String body) {
        return ManagedRuleGroupsTest.inspect(WafPreset.Full, "POST", "/forums/general/new-post/", "", body);
    }

    @ParameterizedTest(name = "930110 passes {0}")
    @CsvSource(delimiter = '|', textBlock = """
			/search/?q=../%20parent%20folder%20meaning
			/knowledgebase/search/?query=..%2F+parent+folder+meaning
			/search/?q=what%20does%20..%5C%20mean%20on%20windows
			/search/?q=meaning%20of%20../
			""")
    void pathTraversalRulePassesDotDotSlashWrittenAsAWord(String uri) {
        Verdict verdict = get(uri);
        assertThat(verdict.decision()).as(verdict.findings().toString()).isEqualTo(Verdict.Decision.PASS);
    }

    @ParameterizedTest(name = "930110 blocks {0}")
    @CsvSource(delimiter = '|', textBlock = """
			/get?arg=../../../etc/passwd
			/get?arg=..%5Cpineapple
			/get?foo=.../.../WINDOWS/win.ini
			/get?a=..;.%5C.;%5C.
			/get?file=../%20/../config.json
			""")
    void pathTraversalRuleStillBlocksATraversalThatClimbsIntoAPath(String uri) {
        assertThat(get(uri).findings()).extracting(Finding::ruleId).contains("930110");
        assertThat(get(uri).decision()).isEqualTo(Verdict.Decision.BLOCK);
    }

    @ParameterizedTest(name = "passes {0}")
    @CsvSource(delimiter = '|', textBlock = """
			/search/?q=select%20%2A%20from%20menu%20%28joke%29
			/knowledgebase/search/?query=select+%2A+from+menu+%28joke%29
			/search/?q=How%20do%20I%20use%20%3DCOUNT(A1:A10)%20in%20Excel
			""")
    void sqlInjectionDetectorPassesSqlWordsThatDoNotFormAQuery(String uri) {
        Verdict verdict = get(uri);
        assertThat(verdict.decision()).as(verdict.findings().toString()).isEqualTo(Verdict.Decision.PASS);
    }

    @ParameterizedTest(name = "942100 blocks {0}")
    @CsvSource(delimiter = '|', textBlock = """
			/?q=select%20%2A%20from%20users
			/?q=select%20%2A%20from%20users%20where%201%3D1
			/?id=1%20and%201%3Dif(1%3D1,ascii(user()),0)
			/?q=x%27%20and%20ascii(substring(user(),1,1))%3E64--
			/?q=%26%2339%3B%20or%201%3D1--
			""")
    void sqlInjectionDetectorStillBlocksQueriesAndFunctionProbes(String uri) {
        Verdict verdict = get(uri);
        assertThat(verdict.findings()).as(uri).extracting(Finding::ruleId).contains("942100");
        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.BLOCK);
    }

    @ParameterizedTest(name = "passes {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			content=%3Cp%3EWhere+is+the+option+to+%26quot%3Bselect+all%26quot%3B+and+then+%26quot%3Bdelete+from+list%26quot%3B%3F%3C%2Fp%3E
			content=%3Cp%3EOpen+Mon%26ndash%3B+open+Fri%2C+9%26ndash%3B5.%3C%2Fp%3E
			content=%3Cp%3EIt%26%2339%3Bs+great%2C+I%26%2339%3Bd+select+it+again%3C%2Fp%3E
			content=%3Cp%3EFormula%3A+%3Ccode%3E%3DIF%28A1%26gt%3B10%2C%26quot%3Bhigh%26quot%3B%2C%26quot%3Blow%26quot%3B%29%3C%2Fcode%3E%3C%2Fp%3E
			""")
    void sqlRulesReadCharacterReferencesInRichTextAsText(String body) {
        Verdict verdict = post(body);
        assertThat(verdict.decision()).as(verdict.findings().toString()).isEqualTo(Verdict.Decision.PASS);
    }

    @ParameterizedTest(name = "{0} blocks {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			942350 | content=1%3Bselect+password+from+users
			942350 | content=1%26id%3Bdrop+table+users
			942320 | content=x%3B+declare+%40s+varchar(100)
			942320 | content=1%26quot%3B%3B+open+cur1
			""")
    void sqlRulesStillBlockAStatementSeparatorThatIsNotACharacterReference(String ruleId, String body) {
        Verdict verdict = post(body);
        assertThat(verdict.findings()).as(body).extracting(Finding::ruleId).contains(ruleId);
        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.BLOCK);
    }

    @ParameterizedTest(name = "passes {0}")
    @CsvSource(delimiter = '|', textBlock = """
			Latin accents and a check mark | café crème brûlée ✓
			German                         | Grüße aus Köln – schön ✓
			Polish                         | Zażółć gęślą jaźń ✓
			Greek                          | Ελληνικά κείμενα
			Cyrillic                       | Привет, мир ✓
			Arabic                         | مرحبا بالعالم
			Hebrew                         | שלום עולם
			Chinese                        | 你好，世界 ✓
			Japanese                       | こんにちは世界
			Devanagari                     | नमस्ते दुनिया
			Korean                         | 안녕하세요 세계
			Typography                     | ½ price — “quoted” ‘text’ … ✔ ✗ ☺
			""")
    void ordinaryTextInAnyScriptPassesInTheQueryAndInAForm(String script, String text) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
        Verdict query = get("/?q=" + encoded);
        assertThat(query.decision())
                .as(script + " in the query: " + query.findings())
                .isEqualTo(Verdict.Decision.PASS);
        Verdict form = post("content=" + encoded);
        assertThat(form.decision())
                .as(script + " in a form: " + form.findings())
                .isEqualTo(Verdict.Decision.PASS);
    }

    @ParameterizedTest(name = "920270 blocks {0}")
    @CsvSource(delimiter = '|', textBlock = """
			/?q=caf%C3%A9%00%E2%9C%93
			/?file=secret.txt%00.jpg
			/?q=%u0000
			""")
    void byteRangeRuleStillBlocksANullByteBesideOrdinaryText(String uri) {
        Verdict verdict = get(uri);
        assertThat(verdict.findings()).as(uri).extracting(Finding::ruleId).contains("920270");
        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.BLOCK);
    }
}
