package dev.powerpages.emulator.appnode.webapi;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The site settings that govern the portals Web API, as "Portals Web API overview" (Power Pages docs, "Site settings
 * for the Web API") lists them: {@code Webapi/<table logical name>/enabled} (default false: a table is not exposed
 * until a maker turns it on), {@code Webapi/<table>/fields} (the columns the Web API may read and write; mandatory —
 * without it, "No fields defined for this entity."; the wildcard {@code *} is deprecated and requests for a table
 * configured with it fail until the columns are listed) and {@code Webapi/error/innererror} (whether errors carry
 * Dataverse's inner error, default false).
 */
record WebApiSettings(SiteSnapshot site) {

    static final String WILDCARD = "*";

    boolean enabled(String logicalName) {
        return site.setting("Webapi/" + logicalName + "/enabled")
                .map(value -> value.strip().equalsIgnoreCase("true"))
                .orElse(false);
    }

    /** The columns listed in {@code Webapi/<table>/fields} (lower case), {@code ["*"]} for the deprecated wildcard; empty: none. */
    Set<String> fields(String logicalName) {
        String value = site.setting("Webapi/" + logicalName + "/fields").orElse("");
        Set<String> fields = new LinkedHashSet<>();
        for (String field : value.split(",")) {
            if (!field.isBlank()) {
                fields.add(field.strip().toLowerCase(Locale.ROOT));
            }
        }
        return fields;
    }

    boolean innerError() {
        return site.setting("Webapi/error/innererror")
                .map(value -> value.strip().equalsIgnoreCase("true"))
                .orElse(false);
    }
}
