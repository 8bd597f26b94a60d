package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.List;

/**
 * A row of {@code adx_weblinks}, with the links below it ({@code adx_parentweblinkid}) in display order.
 *
 * @param url         the external URL, else the URL of the linked page in the link set's language; {@code null} when
 *                    the link names a page that is not served (then Power Pages leaves the link out)
 * @param pageId      the linked web page (root), {@code null} for an external link
 * @param external    the link goes to {@code adx_externalurl}
 * @param noFollow    {@code adx_robotsfollowlink} is false
 * @param validatePage the link is shown only to visitors who may read the linked page ({@code adx_disablepagevalidation} false)
 */
public record WebLink(
        String id,
        String name,
        String url,
        int displayOrder,
        String pageId,
        String description,
        boolean external,
        boolean openInNewWindow,
        boolean noFollow,
        boolean displayImageOnly,
        boolean displayPageChildLinks,
        String imageUrl,
        String imageAlternateText,
        Integer imageHeight,
        Integer imageWidth,
        boolean validatePage,
        StoreRow row,
        List<WebLink> children) {

    /** A plain link (older callers, tests). */
    public WebLink(String name, String url, int displayOrder) {
        this(
                null,
                name,
                url,
                displayOrder,
                null,
                null,
                false,
                false,
                false,
                false,
                false,
                null,
                null,
                null,
                null,
                false,
                null,
                List.of());
    }
}
