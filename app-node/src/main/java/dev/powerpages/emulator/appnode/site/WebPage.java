package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.time.Instant;

/**
 * A row of {@code adx_webpages} with its computed URL.
 *
 * <p>Multilingual sites keep one <em>root</em> page per place in the hierarchy ({@code adx_isroot}) and one
 * <em>content page</em> per language ({@code adx_rootwebpageid} → the root, {@code adx_webpagelanguageid} → the
 * website language) holding that language's title, copy and partial URL. Parent-child links always join root pages
 * (a content page's {@code adx_parentpageid} is its parent's root), as Power Pages' site map does. A site without
 * languages has root pages only.
 *
 * @param url        the parent's URL (computed from the root pages above) followed by this row's partial URL
 * @param published  the page, its root and all its ancestors are active and in a visible publishing state: only
 *                   these are served
 * @param root       a root page (or a page of a site without languages); {@code false} for a content page
 * @param rootId     a content page's root page, {@code null} for a root
 * @param languageId a content page's website language ({@code adx_websitelanguage}), {@code null} for a root
 * @param active     {@code statecode} 0: deactivated rows are never served
 * @param row        every column of the row, as {@code page.<column>} shows them ({@code null} for pages built by hand)
 */
public record WebPage(
        String id,
        String name,
        String title,
        String partialUrl,
        String parentId,
        String pageTemplateId,
        String copy,
        boolean hiddenFromSitemap,
        int displayOrder,
        String url,
        boolean published,
        Instant modifiedOn,
        boolean root,
        String rootId,
        String languageId,
        String summary,
        String customCss,
        String customJavascript,
        boolean active,
        StoreRow row) {

    /** A page of a site without languages. */
    public WebPage(
            String id,
            String name,
            String title,
            String partialUrl,
            String parentId,
            String pageTemplateId,
            String copy,
            boolean hiddenFromSitemap,
            int displayOrder,
            String url,
            boolean published,
            Instant modifiedOn) {
        this(
                id,
                name,
                title,
                partialUrl,
                parentId,
                pageTemplateId,
                copy,
                hiddenFromSitemap,
                displayOrder,
                url,
                published,
                modifiedOn,
                true,
                null,
                null,
                null,
                null,
                null,
                true,
                null);
    }

    /** The title Power Pages shows for the page: {@code adx_title}, else its name. */
    public String displayTitle() {
        return title != null && !title.isBlank() ? title : name;
    }
}
