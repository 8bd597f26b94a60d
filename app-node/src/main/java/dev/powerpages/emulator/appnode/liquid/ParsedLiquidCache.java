package dev.powerpages.emulator.appnode.liquid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.Supplier;
import liqp.TemplateContext;
import liqp.TemplateParser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Parsed Liquid by its source, so that a page's web template, its layouts and the templates, snippets and copy it
 * renders are rewritten ({@link PowerPagesLiquidSyntax}), checked and parsed once rather than on every request.
 *
 * <p>The key is everything the rewrite, the checks and the parse depend on: the source as the site holds it, the
 * parser (its tags and filters decide the rewrite, its limits the size check; one parser per renderer, compared by
 * identity) and the nesting limit. An edited template is therefore a new key and never meets the old parse; nothing
 * has to be invalidated. Only a parse that succeeded is kept: a source the checks or liqp refuse throws out of the
 * loader, which Caffeine does not record, so every request with it fails again with its own error (its template and
 * line). The cache is bounded by the sources' length (a parse's size grows with it); Caffeine's admission policy
 * keeps the templates in steady use when one-off sources (the {@code liquid} filter's input) pass through.
 *
 * <p>What it holds is a {@link ParsedLiquid}, which many requests may render at once (see there why not liqp's
 * {@code Template}). Renders reach it through the {@link #VARIABLE} context variable the page renderer sets, as
 * included templates reach the snapshot's web templates.
 */
@Component
public class ParsedLiquidCache {

    /** Context variable holding the cache, set by the page renderer, read by {@link NestedLiquid}. */
    public static final String VARIABLE = "__pp_parsed_liquid";

    /**
     * @param parser     the parser the source is for (by identity: its tags, filters and limits)
     * @param maxNesting the nesting limit the rewritten source was checked against
     * @param source     the Liquid as the site holds it, before the Power Pages rewrites
     */
    public record Key(TemplateParser parser, int maxNesting, String source) {}

    private final Cache<Key, ParsedLiquid> parsed;

    @Autowired
    ParsedLiquidCache(ParsedLiquidCacheProperties properties, MeterRegistry meters) {
        this(properties);
        CaffeineCacheMetrics.monitor(meters, parsed, "liquid-parse");
    }

    /** Without metrics (tests, tools). */
    public ParsedLiquidCache(ParsedLiquidCacheProperties properties) {
        this.parsed = Caffeine.newBuilder()
                .maximumWeight(properties.maxChars())
                .weigher((Key key, ParsedLiquid value) ->
                        Math.max(1, key.source().length()))
                .recordStats()
                .build();
    }

    /**
     * The parse of {@code key}'s source: the kept one, or {@code parse}'s, kept if it returns. Whatever
     * {@code parse} throws reaches the caller unchanged and nothing is kept.
     */
    public ParsedLiquid get(Key key, Supplier<ParsedLiquid> parse) {
        return parsed.get(key, k -> parse.get());
    }

    /** The cache the render in {@code context} uses, or {@code null} if it runs without one. */
    public static ParsedLiquidCache of(TemplateContext context) {
        return context.get(VARIABLE) instanceof ParsedLiquidCache cache ? cache : null;
    }
}
