package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.List;

/**
 * A row of {@code adx_weblinksets} with its top-level links in display order (each with its own child links).
 *
 * @param languageId the website language the set belongs to ({@code adx_websitelanguageid}); {@code null} on a site
 *                   without languages
 */
public record WebLinkSet(
        String id, String name, String title, String copy, String languageId, StoreRow row, List<WebLink> links) {

    public WebLinkSet(String id, String name, List<WebLink> links) {
        this(id, name, null, null, null, null, links);
    }
}
