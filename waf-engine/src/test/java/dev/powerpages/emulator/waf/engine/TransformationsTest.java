package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Transformations written as loops give what the expressions they replace gave. */
class TransformationsTest {

    @Test
    void whitespaceFunctionsMatchTheRegexTheyReplace() {
        String alphabet = "ab \t\n\u000b\f\r\u00a0\u2003\u001c_";
        Random random = new Random(11);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String v = value.toString();
            assertThat(Transformations.named("removeWhitespace").apply(v))
                    .isEqualTo(v.replaceAll("[\\s\\x0b\\u00a0]+", ""));
            assertThat(Transformations.named("compressWhitespace").apply(v))
                    .isEqualTo(v.replaceAll("[\\s\\x0b\\u00a0]+", " "));
        }
        String plain = "no-whitespace-here";
        assertThat(Transformations.named("removeWhitespace").apply(plain)).isSameAs(plain);
    }

    @Test
    void functionsThatChangeNothingAreLeftOutOfTheChain() {
        List<WafRule> rules = new SecLangParser(name -> List.of())
                .parse(
                        "SecRule ARGS \"@contains x\" \"id:1,severity:'CRITICAL',tag:'group/TEST',t:none,t:utf8toUnicode,t:urlDecodeUni,t:lowercase\"",
                        "test");

        assertThat(rules.get(0).transformations())
                .containsExactly(Transformations.named("urlDecodeUni"), Transformations.named("lowercase"));
    }
}
