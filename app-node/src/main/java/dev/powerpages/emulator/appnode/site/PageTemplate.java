package dev.powerpages.emulator.appnode.site;

/** A row of {@code adx_pagetemplates}: which web template renders the pages that use it. */
public record PageTemplate(String id, String name, String webTemplateId) {
}
