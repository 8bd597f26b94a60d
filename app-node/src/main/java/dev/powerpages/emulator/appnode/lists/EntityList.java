package dev.powerpages.emulator.appnode.lists;

import java.util.List;

/**
 * A list ({@code adx_entitylist}, Microsoft Learn "Lists"): the table it shows, its views, page size, search, and the
 * pages its Details and Create actions open.
 *
 * @param viewIds            {@code adx_view} and the views of {@code adx_views} ({@code ViewMetadata} JSON), the
 *                           default first
 * @param detailsPageId      {@code adx_webpagefordetailsview}, or the page of the grid's Details/Edit item action
 * @param detailsIdParameter {@code adx_idquerystringparametername} (default {@code id})
 * @param pageId             {@code adx_webpageid}: the page the list belongs to ({@code page.adx_entitylist})
 */
public record EntityList(
        String id,
        String name,
        String table,
        List<View> views,
        int pageSize,
        boolean searchEnabled,
        String searchPlaceholder,
        String searchTooltip,
        boolean permissionsEnabled,
        String emptyListText,
        String detailsPageId,
        String detailsIdParameter,
        String detailsLabel,
        String createPageId,
        String createLabel,
        String primaryKey,
        String pageId) {

    /** One of the list's views: its id and the name the list gives it. */
    public record View(String id, String name) {}
}
