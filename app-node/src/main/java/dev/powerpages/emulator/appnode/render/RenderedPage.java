package dev.powerpages.emulator.appnode.render;

/** The output of a web template and the MIME type it declares ({@code adx_mimetype}, default {@code text/html}). */
public record RenderedPage(String body, String mimeType) {}
