package dev.powerpages.emulator.appnode.site;

/** A row of {@code adx_weblinks}, its URL resolved to the linked page's URL or the external URL. */
public record WebLink(String name, String url, int displayOrder) {
}
