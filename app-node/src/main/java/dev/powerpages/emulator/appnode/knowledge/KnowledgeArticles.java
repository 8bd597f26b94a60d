package dev.powerpages.emulator.appnode.knowledge;

import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code knowledge.articles}: its attributes {@code popular}, {@code recent} and {@code top} give the default page
 * (five articles, every language); the filters of the same names take a page size and a language code.
 */
final class KnowledgeArticles extends LiquidDrop {

    private final KnowledgeQueries queries;

    KnowledgeArticles(KnowledgeQueries queries) {
        super(null, "articles");
        this.queries = queries;
        for (ArticleOrder order : ArticleOrder.values()) {
            attribute(order.name().toLowerCase(Locale.ROOT), () -> list(order, null, null));
        }
    }

    List<Map<String, Object>> list(ArticleOrder order, Object pageSize, Object languageCode) {
        return queries.articles(
                order, KnowledgeQueries.pageSize(pageSize), languageCode == null ? null : languageCode.toString());
    }
}
