package dev.powerpages.emulator.appnode.liquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import liqp.TemplateParser;
import org.junit.jupiter.api.Test;

class ParsedLiquidTest {

    private final TemplateParser parser =
            PowerPagesLiquid.LIMITS.parserBuilder().build();

    /**
     * One parse rendered by many threads at once, each with its own variables: every render must see its own (liqp's
     * {@code Template} keeps the render's context in a field, so sharing it mixes them up: liqp issue #287).
     */
    @Test
    void concurrentRendersOfOneParseEachSeeTheirOwnVariables() throws Exception {
        ParsedLiquid parsed = ParsedLiquid.parse(
                parser,
                "{% for i in (1..20) %}{{ name }}{% if i == 10 %}{% assign mid = name %}{% endif %}{% endfor %}|{{ mid }}");
        int threads = 8;
        int rendersEach = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger wrong = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                String expected = name.repeat(20) + "|" + name;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rendersEach; r++) {
                        Object out = parsed.renderUnguarded(Map.of("name", name), null);
                        if (!expected.equals(String.valueOf(out))) {
                            wrong.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
            assertThat(wrong).hasValue(0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rendersWhatLiqpsTemplateRendersTwiceOver() {
        String source = "<p>text {{ name | upcase }}</p>\n{% raw %}{{ not output }}{% endraw %}"
                + "{% comment %}hidden {{ name }}{% endcomment %}{% if name %}<b>{{ name }}</b>{% endif %}"
                + "{% capture c %}in {{ name }}{% endcapture %}{{ c }}{{ list[1] }}";
        Map<String, Object> variables = Map.of("name", "ada", "list", List.of("a", "b"));
        String expected = parser.parse(source).render(variables);
        ParsedLiquid parsed = ParsedLiquid.parse(parser, source);
        assertThat(expected).isEqualTo("<p>text ADA</p>\n{{ not output }}<b>ada</b>in adab");
        assertThat(String.valueOf(parsed.renderUnguarded(variables, null))).isEqualTo(expected);
        assertThat(String.valueOf(parsed.renderUnguarded(variables, null))).isEqualTo(expected);
    }

    @Test
    void aParseErrorIsLiqpsWithItsLine() {
        assertThatThrownBy(() -> ParsedLiquid.parse(parser, "a\nb\n{% if %}"))
                .isInstanceOf(liqp.exceptions.LiquidException.class)
                .satisfies(ex -> assertThat(LiquidErrors.line(ex)).isEqualTo(3));
    }
}
