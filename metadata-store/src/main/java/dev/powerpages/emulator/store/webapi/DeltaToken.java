package dev.powerpages.emulator.store.webapi;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code $deltatoken}, written as Dataverse writes its own: {@code <row version>!<UTC time>}, e.g.
 * {@code 919042!08/22/2017 08:10:44} (the documented example of change tracking). Clients treat it
 * as opaque; the store only reads the row version back.
 */
final class DeltaToken {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})!.*");

    private DeltaToken() {}

    static String format(long changeToken) {
        return changeToken + "!" + TIME.format(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The change token inside, or a 400 in Dataverse's error shape when the token is not one of ours. */
    static long parse(String token) {
        Matcher matcher = FORMAT.matcher(token == null ? "" : token.trim());
        if (!matcher.matches()) {
            throw DataverseException.badQuery(
                    "The delta token '" + token + "' is not valid. "
                            + "Send the @odata.deltaLink of a previous response, or start again with Prefer: odata.track-changes.");
        }
        return Long.parseLong(matcher.group(1));
    }
}
