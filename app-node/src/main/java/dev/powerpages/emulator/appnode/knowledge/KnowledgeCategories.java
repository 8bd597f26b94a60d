package dev.powerpages.emulator.appnode.knowledge;

import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import java.util.List;
import java.util.Map;

/**
 * {@code knowledge.categories}: {@code recent} (the latest modified first) and {@code top_level} (categories without a
 * parent), as attributes (five) or filters (with a page size); {@code category_number} finds one category by its
 * number, as the Category Details page does with its {@code id} parameter.
 */
final class KnowledgeCategories extends LiquidDrop {

    private final KnowledgeQueries queries;

    KnowledgeCategories(KnowledgeQueries queries) {
        super(null, "categories");
        this.queries = queries;
        attribute("recent", () -> recent(null));
        attribute("top_level", () -> topLevel(null));
    }

    List<Map<String, Object>> recent(Object pageSize) {
        return queries.categories(false, KnowledgeQueries.pageSize(pageSize));
    }

    List<Map<String, Object>> topLevel(Object pageSize) {
        return queries.categories(true, KnowledgeQueries.pageSize(pageSize));
    }

    Map<String, Object> byNumber(Object number) {
        return number == null ? null : queries.category(number.toString());
    }
}
