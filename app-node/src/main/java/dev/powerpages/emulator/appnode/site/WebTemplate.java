package dev.powerpages.emulator.appnode.site;

/** A row of {@code adx_webtemplates}: Liquid source, included by name. */
public record WebTemplate(String id, String name, String source, String mimeType) {}
