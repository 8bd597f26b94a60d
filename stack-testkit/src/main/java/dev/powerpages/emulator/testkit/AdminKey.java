package dev.powerpages.emulator.testkit;

import java.util.Map;

/** The emulator's well-known development admin key (CONTRACT "Well-known defaults"), as a request header. */
final class AdminKey {

    static final String HEADER = "X-Admin-Key";
    static final String VALUE = "emulator-admin-key";

    private AdminKey() {}

    static Map<String, String> jsonHeaders() {
        return Map.of(HEADER, VALUE, "Content-Type", "application/json", "Accept", "application/json");
    }
}
