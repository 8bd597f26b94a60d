package dev.powerpages.emulator.appnode.knowledge;

import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.param;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import java.util.Map;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/**
 * Power Pages' Liquid object {@code knowledge} ("Available Liquid objects", knowledge): {@code knowledge.articles} and
 * {@code knowledge.categories}, and the filters that order and page them: {@code popular}, {@code recent} and
 * {@code top} on articles (page size, then a language code), {@code recent}, {@code top_level} and
 * {@code category_number} on categories. Each list is read through the FetchXML engine ({@link KnowledgeQueries}), so
 * the visitor's table permissions on knowledgearticle and category apply, as they do in Power Pages.
 */
@Component
class KnowledgeLiquid implements LiquidExtension {

    static final String OBJECT = "knowledge";

    private final FetchXmlTag fetchXml;
    private final LanguageLocales locales;

    KnowledgeLiquid(FetchXmlTag fetchXml, LanguageLocales locales) {
        this.fetchXml = fetchXml;
        this.locales = locales;
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(of(
                        "popular",
                        (value, context, params) -> value instanceof KnowledgeArticles articles
                                ? articles.list(ArticleOrder.POPULAR, param(params, 0), param(params, 1))
                                : null))
                .withFilter(of(
                        "top",
                        (value, context, params) -> value instanceof KnowledgeArticles articles
                                ? articles.list(ArticleOrder.TOP, param(params, 0), param(params, 1))
                                : null))
                // recent is both the articles' and the categories' filter: the latest modified first.
                .withFilter(of("recent", (value, context, params) -> {
                    if (value instanceof KnowledgeArticles articles) {
                        return articles.list(ArticleOrder.RECENT, param(params, 0), param(params, 1));
                    }
                    return value instanceof KnowledgeCategories categories ? categories.recent(param(params, 0)) : null;
                }))
                .withFilter(of(
                        "top_level",
                        (value, context, params) -> value instanceof KnowledgeCategories categories
                                ? categories.topLevel(param(params, 0))
                                : null))
                .withFilter(of(
                        "category_number",
                        (value, context, params) -> value instanceof KnowledgeCategories categories
                                ? categories.byNumber(param(params, 0))
                                : null));
    }

    @Override
    public void contribute(RenderScope scope, Map<String, Object> variables) {
        KnowledgeQueries queries = new KnowledgeQueries(
                fetchXml,
                new FetchXmlTag.Context(scope.site(), scope.request().user()),
                locales,
                () -> articlePageUrl(variables));
        variables.put(
                OBJECT,
                new LiquidDrop(null, OBJECT)
                        .value("articles", new KnowledgeArticles(queries))
                        .value("categories", new KnowledgeCategories(queries)));
    }

    /** The page the "Knowledge Article" site marker names, which shows an article by its public number. */
    private static String articlePageUrl(Map<String, Object> variables) {
        return variables.get("sitemarkers") instanceof Map<?, ?> markers
                        && markers.get("Knowledge Article") instanceof Map<?, ?> marker
                        && marker.get("url") instanceof String url
                ? url
                : null;
    }
}
