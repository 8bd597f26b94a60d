package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetectorsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1' OR '1'='1",
                "1 OR 1=1",
                "admin'--",
                "-1 UNION SELECT 1,2,3",
                "1;DROP TABLE users",
                "x' AND SLEEP(5)#",
                "1) AND (SELECT 1 FROM dual)",
                "' or true--",
                "1/*!50000UNION*/ SELECT 1",
                "'; EXEC master..xp_cmdshell 'dir'--",
                "1 order by 3--",
                "@@version",
                "select * from users",
                "x' and ascii(substring(user(),1,1))>64--",
                "&#39; or 1=1--",
                "1&id;drop table users"
            })
    void detectsSqlInjection(String value) {
        assertThat(SqlInjectionDetector.isInjection(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "O'Reilly",
                "rock 'n' roll",
                "D'or 1st parfume",
                "union was a great select",
                "where is my order?",
                "1 or 2 bedrooms",
                "john+or@var.es",
                "it's -- great",
                "price < 100",
                "select a plan",
                "C# and .NET",
                "select * from menu (joke)",
                "How do I write =IF(A1>10,\"high\",\"low\") in Excel?",
                "<p>Formula: <code>=IF(A1&gt;10,&quot;high&quot;,&quot;low&quot;)</code></p>",
                "<p>Click &quot;select all&quot; and then &quot;delete from list&quot;</p>",
                "It&#39;s great, I&#39;d select it again"
            })
    void passesTextThatOnlyLooksLikeSql(String value) {
        assertThat(SqlInjectionDetector.isInjection(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<svg/onload=alert(1)>",
                "\" onmouseover=\"alert(1)",
                "javascript:alert(1)",
                "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
                "<iframe src=//evil>",
                "<p style=\"background:url(javascript:alert(1))\">"
            })
    void detectsCrossSiteScripting(String value) {
        assertThat(XssDetector.isXss(Transformations.htmlEntityDecode(value))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<p><strong>Hello</strong></p>",
                "<a href=\"https://contoso.com\">docs</a>",
                "<p style=\"text-align:center\">x</p>",
                "<img src=\"/images/logo.png\" alt=\"Logo\">",
                "a < b and c > d",
                "He said \"hello\" and left"
            })
    void passesRichText(String value) {
        assertThat(XssDetector.isXss(value)).isFalse();
    }
}
