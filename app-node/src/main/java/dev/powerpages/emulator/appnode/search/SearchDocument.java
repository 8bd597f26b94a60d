package dev.powerpages.emulator.appnode.search;

import java.util.Map;

/**
 * One record in the site's search index: a published web page or a row of a table the site makes searchable.
 *
 * @param logicalName the table ({@code adx_webpage}, {@code nwind_products} …)
 * @param id          the record's id
 * @param title       what the result shows as its title
 * @param url         where the result leads (a page's URL, or the table's record page with {@code ?id=})
 * @param content     the searchable text (markup removed)
 * @param entity      the record's columns, for {@code result.entity}
 */
record SearchDocument(
        String logicalName, String id, String title, String url, String content, Map<String, Object> entity) {}
