package dev.powerpages.emulator.appnode.site;

import java.time.Instant;

/**
 * A row of {@code adx_webpages} with its computed URL.
 *
 * @param published the page and all its ancestors are in a visible publishing state and active: only these are served
 */
public record WebPage(String id, String name, String title, String partialUrl, String parentId,
        String pageTemplateId, String copy, boolean hiddenFromSitemap, int displayOrder, String url,
        boolean published, Instant modifiedOn) {
}
