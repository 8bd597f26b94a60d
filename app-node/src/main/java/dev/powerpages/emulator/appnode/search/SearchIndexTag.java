package dev.powerpages.emulator.appnode.search;

import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.liquid.TagParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liqp.TemplateContext;
import liqp.blocks.Block;
import liqp.nodes.LNode;

/**
 * Power Pages' {@code {% searchindex query: request.params.q, page: request.params.page, page_size: 10 %}…
 * {% endsearchindex %}} ("Dataverse Liquid tags", searchindex): runs the query against the site's search index and
 * sets, inside the block, {@code searchindex} (or the name given as {@code {% searchindex name = query: … %}}) with
 * {@code results} (each with {@code entity}, {@code fragment}, {@code id}, {@code logical_name}, {@code number},
 * {@code score}, {@code title}, {@code url}), {@code approximate_total_hits}, {@code page} and {@code page_size}.
 * Parameters: {@code query} (forgiving Lucene syntax), {@code filter} (strict Lucene syntax), {@code logical_names}
 * (comma-separated tables), {@code page} (default 1) and {@code page_size} (default 10).
 */
final class SearchIndexTag extends Block {

    static final String DEFAULT_NAME = "searchindex";
    private static final int MAX_PAGE_SIZE = 1000;

    private final SiteSearch search;

    SearchIndexTag(SiteSearch search) {
        super("searchindex");
        this.search = search;
    }

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        // liqp hands a custom block its markup as tokens, or (as for this block) joined without the spaces between
        // them.
        StringBuilder markup = new StringBuilder();
        for (int i = 0; i < nodes.length - 1; i++) {
            markup.append(nodes[i].render(context));
        }
        String name = DEFAULT_NAME;
        String rest = markup.toString().strip();
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=(?!=)\\s*")
                .matcher(rest);
        if (named.find()) {
            name = named.group(1);
            rest = rest.substring(named.end());
        }
        Map<String, Object> parameters = TagParameters.parseStrictly(context, "searchindex", rest);
        RenderScope scope = RenderScope.of(context);
        Map<String, Object> result = new LinkedHashMap<>();
        int page = number(parameters.get("page"), 1);
        int pageSize = Math.min(MAX_PAGE_SIZE, number(parameters.get("page_size"), 10));
        SiteSearchIndex.Results found = SiteSearch.enabled(scope.site())
                ? search.index(scope.site())
                        .search(
                                decoded(text(parameters.get("query"))),
                                text(parameters.get("filter")),
                                tables(text(parameters.get("logical_names"))),
                                page,
                                pageSize,
                                search.visibleTo(scope.site(), scope.request().user()))
                : new SiteSearchIndex.Results(List.of(), 0);
        List<Map<String, Object>> results = new ArrayList<>();
        int number = (page - 1) * pageSize;
        for (SiteSearchIndex.Hit hit : found.hits()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("entity", SiteSearchIndex.entityObject(hit.document()));
            item.put("fragment", hit.fragment());
            item.put("id", hit.document().id());
            item.put("logical_name", hit.document().logicalName());
            item.put("number", (long) ++number);
            item.put("score", (double) hit.score());
            item.put("title", hit.document().title());
            item.put("url", hit.document().url());
            results.add(item);
        }
        result.put("approximate_total_hits", (long) found.total());
        result.put("page", (long) page);
        result.put("page_size", (long) pageSize);
        result.put("results", results);
        // The object exists inside the block only, as the docs say ("available within the tag block").
        Object previous = context.get(name);
        context.put(name, result);
        try {
            return nodes[nodes.length - 1].render(context);
        } finally {
            context.put(name, previous);
        }
    }

    /**
     * The visitor's query as typed: {@code request.params} values arrive HTML-encoded (Power Pages encodes the
     * {@code request} object), which is for printing them, not for searching ({@code "ask"} would search {@code quot}).
     */
    private static String decoded(String query) {
        return query == null ? null : org.springframework.web.util.HtmlUtils.htmlUnescape(query);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** A page or size from a request parameter: a positive whole number, else the default (Power Pages ignores junk). */
    private static int number(Object value, int fallback) {
        if (value instanceof Number number && number.longValue() > 0) {
            return (int) Math.min(Integer.MAX_VALUE, number.longValue());
        }
        if (value != null
                && String.valueOf(value).strip().matches("\\d{1,9}")
                && Integer.parseInt(String.valueOf(value).strip()) > 0) {
            return Integer.parseInt(String.valueOf(value).strip());
        }
        return fallback;
    }

    private static List<String> tables(String logicalNames) {
        if (logicalNames == null || logicalNames.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(logicalNames.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
