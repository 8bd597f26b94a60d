package dev.powerpages.emulator.appnode.knowledge;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlEngine;
import dev.powerpages.emulator.appnode.fetchxml.FetchXmlException;
import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.liquid.filters.StringFilters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The knowledge object's reads for one render, as FetchXML run for the visitor: no read permission on the table, no
 * rows, as for any Liquid query in Power Pages.
 *
 * <p>Which articles a portal shows: published ones (statecode 3, Published: "Published articles are available
 * externally, based on applicable permissions", Dataverse's knowledgearticle reference), not internal
 * ({@code isinternal}), and not the root article, which holds no version of its own (the Customer Self-Service
 * starter's Category Details template filters the same way).
 */
final class KnowledgeQueries {

    /** "The default page size is 5." */
    static final int DEFAULT_PAGE_SIZE = 5;

    private static final int PUBLISHED = 3;

    private final FetchXmlTag fetchXml;
    private final FetchXmlTag.Context visitor;
    private final LanguageLocales locales;
    private final Supplier<String> articlePageUrl;

    KnowledgeQueries(
            FetchXmlTag fetchXml,
            FetchXmlTag.Context visitor,
            LanguageLocales locales,
            Supplier<String> articlePageUrl) {
        this.fetchXml = fetchXml;
        this.visitor = visitor;
        this.locales = locales;
        this.articlePageUrl = articlePageUrl;
    }

    /**
     * A filter's page size: five when not given; zero or less lists every row (the Knowledge Base home template passes
     * {@code count | default: 0} to list all top-level categories when its include names no count).
     */
    static int pageSize(Object value) {
        if (value == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            return new BigDecimal(value.toString().strip()).intValue();
        } catch (NumberFormatException ex) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    List<Map<String, Object>> articles(ArticleOrder order, int pageSize, String languageCode) {
        String language = "";
        if (languageCode != null && !languageCode.isBlank()) {
            Optional<String> id = locales.idOf(languageCode);
            if (id.isEmpty()) {
                return List.of(); // no article is in a language Dataverse does not have
            }
            language = condition("languagelocaleid", "eq", id.get());
        }
        String query = "<fetch" + top(pageSize) + "><entity name=\"knowledgearticle\"><all-attributes/>"
                + "<filter type=\"and\">" + condition("statecode", "eq", String.valueOf(PUBLISHED))
                + condition("isinternal", "eq", "0") + condition("isrootarticle", "eq", "0") + language + "</filter>"
                + "<order attribute=\"" + order.column() + "\" descending=\"true\"/></entity></fetch>";
        List<Map<String, Object>> articles = new ArrayList<>();
        for (Map<String, Object> row : run(query)) {
            articles.add(article(row));
        }
        return articles;
    }

    List<Map<String, Object>> categories(boolean topLevelOnly, int pageSize) {
        // top_level's order is not documented: by title, as a visitor reads a list; recent: the latest modified first.
        String query = "<fetch" + top(pageSize) + "><entity name=\"category\"><all-attributes/>"
                + (topLevelOnly ? "<filter>" + condition("parentcategoryid", "null", null) + "</filter>" : "")
                + (topLevelOnly
                        ? "<order attribute=\"title\"/>"
                        : "<order attribute=\"modifiedon\" descending=\"true\"/>")
                + "</entity></fetch>";
        List<Map<String, Object>> categories = new ArrayList<>();
        for (Map<String, Object> row : run(query)) {
            categories.add(category(row));
        }
        return categories;
    }

    Map<String, Object> category(String number) {
        List<Map<String, Object>> rows = run("<fetch top=\"1\"><entity name=\"category\"><all-attributes/><filter>"
                + condition("categorynumber", "eq", number) + "</filter></entity></fetch>");
        return rows.isEmpty() ? null : category(rows.get(0));
    }

    private List<Map<String, Object>> run(String query) {
        try {
            return fetchXml.run(FetchXmlEngine.parse(query), visitor).entities();
        } catch (FetchXmlException ex) {
            return List.of(); // a store without the knowledge tables: nothing to list
        }
    }

    /** The article object: the row's columns and the attributes the docs list beside them. */
    private Map<String, Object> article(Map<String, Object> row) {
        Map<String, Object> article = new LinkedHashMap<>(row);
        article.put("article_public_number", row.get("articlepublicnumber"));
        article.put("name", row.get("title"));
        article.put("view_count", row.get("knowledgearticleviews"));
        article.put("url", articleUrl(row));
        return article;
    }

    /**
     * Where a portal shows the article: the "Knowledge Article" site marker's page, then the public number and the
     * article's language ({@code /knowledgebase/article/KA-01001/en-us}); none without that page or a number.
     */
    private String articleUrl(Map<String, Object> row) {
        String page = articlePageUrl.get();
        Object number = row.get("articlepublicnumber");
        if (page == null || number == null) {
            return null;
        }
        String url = (page.endsWith("/") ? page : page + "/") + number;
        Optional<String> code =
                row.get("languagelocaleid") instanceof Map<?, ?> reference && reference.get("id") != null
                        ? locales.codeOf(reference.get("id").toString())
                        : Optional.empty();
        return code.map(language -> url + "/" + language).orElse(url);
    }

    private static Map<String, Object> category(Map<String, Object> row) {
        Map<String, Object> category = new LinkedHashMap<>(row);
        category.put("name", row.get("title"));
        return category;
    }

    private static String top(int pageSize) {
        return pageSize > 0 ? " top=\"" + pageSize + "\"" : "";
    }

    private static String condition(String attribute, String operator, String value) {
        return "<condition attribute=\"" + attribute + "\" operator=\"" + operator + "\""
                + (value == null ? "" : " value=\"" + StringFilters.xmlEscape(value) + "\"") + "/>";
    }
}
