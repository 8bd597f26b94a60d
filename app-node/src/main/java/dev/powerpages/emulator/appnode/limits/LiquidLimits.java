package dev.powerpages.emulator.appnode.limits;

import dev.powerpages.emulator.appnode.security.HtmlEncodeFilter;
import java.time.Duration;
import liqp.TemplateParser;
import liqp.filters.Append;
import liqp.filters.Concat;
import liqp.filters.Join;
import liqp.filters.Prepend;
import liqp.filters.Replace;
import liqp.filters.Replace_First;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds on what one Liquid render may cost, so that a web template (or a visitor's input fed to one) cannot hang
 * a request thread or exhaust the heap: a page that crosses one gets the node's template-error page instead.
 * Defaults in application.yml ({@code liquid.*}); they sit far above what real Power Pages templates need.
 *
 * <p>The render time is wall-clock time (liqp measures no other), so it counts what a render waits for as well as
 * what it computes: store reads behind {@code entityform}, {@code fetchxml}, {@code entities}, and a CPU shared with
 * everything else on the machine. It is a backstop: loops and output are bounded on their own, so what it still has to
 * stop is a render that is slow without iterating (a store that does not answer, a pathological expression). Measured
 * on real sites served through the whole stack on a 2-core machine shared with other builds (load average 45-64):
 * pages rendered in 0.03-1.0 s when fetched one at a time on the node, but four at a time, and on first hits before
 * the JIT and the caches warm up, answers took up to 2.4 s warm and 6.5 s cold, and 2 s failed 3 to 8 of 16 pages
 * of one site (a basic form's page among them). 10 s keeps one and a half times that worst case in hand, and stays
 * well under the gateway's 30 s response timeout, so a runaway render still ends as the node's template-error page
 * (naming the limit) rather than as the edge's 504, and holds a request thread at most that long.
 *
 * @param maxIterations loop iterations per render, all loops together (liqp: {@code for}, {@code tablerow}, ranges)
 * @param maxRenderTime wall-clock time of one render (10 s by default: see above)
 * @param maxRenderedChars characters of the rendered output, and of any string or list a filter builds
 * @param maxTemplateBytes size of a web template's source after layouts and includes are composed
 * @param maxNesting block tags within block tags, and brackets within a tag ({@link LiquidNesting})
 */
@ConfigurationProperties("liquid")
public record LiquidLimits(
        int maxIterations, Duration maxRenderTime, int maxRenderedChars, long maxTemplateBytes, int maxNesting) {

    /** The render time allowed when configuration names none (application.yml names the same). */
    public static final Duration DEFAULT_RENDER_TIME = Duration.ofSeconds(10);

    public LiquidLimits {
        maxIterations = maxIterations > 0 ? maxIterations : 100_000;
        maxRenderTime = maxRenderTime != null && !maxRenderTime.isNegative() && !maxRenderTime.isZero()
                ? maxRenderTime
                : DEFAULT_RENDER_TIME;
        maxRenderedChars = maxRenderedChars > 0 ? maxRenderedChars : 4_000_000;
        maxTemplateBytes = maxTemplateBytes > 0 ? maxTemplateBytes : 1_000_000;
        maxNesting = maxNesting > 0 ? maxNesting : 100;
    }

    /**
     * A parser builder with these limits and the node's filters. liqp's own limits cover loops, the output and the
     * render time; they do not cover strings and lists that filters build in variables ({@code assign s = s |
     * append: s} doubles per iteration and ran the heap out at 60 iterations in the first fuzz run), so the filters
     * that concatenate are replaced by size-checked ones. {@code escape}/{@code h} encode as Power Pages does.
     */
    public TemplateParser.Builder parserBuilder() {
        return new TemplateParser.Builder()
                .withMaxIterations(maxIterations)
                .withMaxRenderTimeMillis(maxRenderTime.toMillis())
                .withMaxSizeRenderedString(maxRenderedChars)
                .withMaxTemplateSizeBytes(maxTemplateBytes)
                .withFilter(new BoundedFilter(new Append(), maxRenderedChars))
                .withFilter(new BoundedFilter(new Prepend(), maxRenderedChars))
                .withFilter(new BoundedFilter(new Replace(), maxRenderedChars))
                .withFilter(new BoundedFilter(new Replace_First(), maxRenderedChars))
                .withFilter(new BoundedFilter(new Join(), maxRenderedChars))
                .withFilter(new BoundedFilter(new Concat(), maxRenderedChars))
                .withFilter(new HtmlEncodeFilter("escape"))
                .withFilter(new HtmlEncodeFilter("h"));
    }
}
