package dev.powerpages.emulator.appnode.site;

import java.util.List;

/** A row of {@code adx_weblinksets} with its links in display order. */
public record WebLinkSet(String id, String name, List<WebLink> links) {
}
