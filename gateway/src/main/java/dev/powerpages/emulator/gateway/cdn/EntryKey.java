package dev.powerpages.emulator.gateway.cdn;

/**
 * The primary cache key: the route (so that two routes never share entries, unlike Spring Cloud
 * Gateway's LocalResponseCache, CVE-2026-59426), the path, and the query string as the route's
 * query-string behaviour reduces it. Variants under one key are told apart by {@code Vary}.
 */
record EntryKey(String route, String path, String query) {

    @Override
    public String toString() {
        return route + " " + path + (query.isEmpty() ? "" : "?" + query);
    }
}
