package dev.powerpages.emulator.appnode.render;

/** What the Liquid {@code request} object shows of the current request. */
public record RequestInfo(String path, String url, String query) {
}
