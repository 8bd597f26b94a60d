package dev.powerpages.emulator.store.webapi;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource segment of a Web API URL: {@code accounts}, {@code accounts(<guid>)} or a function
 * call such as {@code WhoAmI()}.
 */
record ResourcePath(String name, String key, boolean hasParentheses) {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)(?:\\((.*)\\))?");

    static ResourcePath parse(String segment) {
        Matcher matcher = SEGMENT.matcher(segment);
        if (!matcher.matches()) {
            throw DataverseException.resourceNotFound(segment);
        }
        return new ResourcePath(matcher.group(1), matcher.group(2), matcher.group(2) != null);
    }

    boolean isCollection() {
        return !hasParentheses;
    }

    /** The row id in {@code entityset(<guid>)}; Dataverse also accepts {@code entityset(<primaryid>=<guid>)}. */
    UUID id(String primaryId) {
        String raw = key == null ? "" : key.trim();
        if (raw.startsWith(primaryId + "=")) {
            raw = raw.substring(primaryId.length() + 1);
        }
        try {
            if (raw.length() == 36) {
                return UUID.fromString(raw);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw DataverseException.badQuery("Bad Request - Error in query syntax: invalid key '" + key + "'.");
    }
}
