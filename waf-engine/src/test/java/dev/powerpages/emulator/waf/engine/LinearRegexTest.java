package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule patterns on RE2/J (docs/waf.md, "Linear-time regexes"). */
class LinearRegexTest {

    @Test
    void everyRulePatternRunsInLinearTimeExceptTheTwoThatNeedALookbehind() throws IOException {
        Map<String, Boolean> linearById = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/waf"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                var lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    int at = line.indexOf("\"@rx ");
                    int end = line.lastIndexOf('"');
                    if (at >= 0 && end > at + 5) {
                        String pcre = line.substring(at + 5, end).replace("\\\"", "\"");
                        linearById.put(ruleIdAfter(lines, i), Operators.runsInLinearTime(pcre));
                    }
                }
            }
        }

        assertThat(linearById).hasSizeGreaterThan(100);
        // 942320 and 942350 carry the Power Pages tuning "a ';' that ends a character reference is
        // not a statement separator", a variable-length lookbehind RE2 does not have.
        assertThat(linearById.entrySet())
                .filteredOn(e -> !e.getValue())
                .extracting(Map.Entry::getKey)
                .containsExactly("942320", "942350");
    }

    private static String ruleIdAfter(java.util.List<String> lines, int from) {
        for (int j = from; j < Math.min(lines.size(), from + 8); j++) {
            int at = lines.get(j).indexOf("id:");
            if (at >= 0) {
                return lines.get(j).substring(at + 3).replaceAll("[^0-9].*", "");
            }
        }
        throw new IllegalStateException("No id after line " + from);
    }

    @ParameterizedTest(name = "{0} on \"{1}\": {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			abc$            | abc       | true
			abc$            | abc\\n   | true
			abc$            | abc\\nx  | false
			abc$            | abc\\r\\n | true
			(?m)abc$        | abc\\nx  | true
			a\\sb           | a\\u000Bb | true
			a[\\s]b         | a\\u000Bb | true
			a\\Sb           | a\\u000Bb | false
			a\\Sb           | axb       | true
			^[[:alpha:]]+$  | Hello     | true
			^[[:alpha:]]+$  | Héllo     | false
			[^]a]x          | bx        | true
			[^]a]x          | ]x        | false
			\\Qa.b\\E       | a.b       | true
			\\Qa.b\\E       | axb       | false
			(?i)<script     | <SCRIPT>  | true
			x\\x{41}        | xA        | true
			""")
    void readsARulePatternOnRe2AsJavaUtilRegexDoes(String pcre, String value, boolean matches) {
        String unescaped = value.replace("\\n", "\n").replace("\\r", "\r").replace("\\u000B", "\u000B");
        assertThat(Operators.runsInLinearTime(pcre)).isTrue();
        assertThat(LinearRegex.compile(pcre).matcher(unescaped).find()).isEqualTo(matches);
        assertThat(java.util.regex.Pattern.compile(Operators.javaPattern(pcre), java.util.regex.Pattern.DOTALL)
                        .matcher(unescaped)
                        .find())
                .isEqualTo(matches);
    }

    @Test
    void aPatternWithABackreferenceOrLookaroundStaysOnJavaUtilRegex() {
        assertThat(Operators.runsInLinearTime("(a)\\1")).isFalse();
        assertThat(Operators.runsInLinearTime("a(?!b)")).isFalse();
        assertThat(Operators.regex("(a)\\1", false).matches("xaa")).isTrue();
        assertThat(Operators.regex("a(?!b)", false).matches("ab")).isFalse();
    }
}
