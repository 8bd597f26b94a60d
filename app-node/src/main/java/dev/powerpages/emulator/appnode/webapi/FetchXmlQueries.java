package dev.powerpages.emulator.appnode.webapi;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import java.util.List;
import java.util.Map;

/**
 * Runs the FetchXML of {@code GET /_api/<entity set>?fetchXml=…} ("Query records using FetchXml", portals Web API
 * read operations) for a visitor, with their table permissions. Implemented by the FetchXML engine's package, so that
 * the Web API does not depend on it.
 */
public interface FetchXmlQueries {

    /**
     * @param columns the root entity's requested columns, or {@code null} for all of them
     * @param rows    the rows as the Web API answers them ({@code _x_value} lookups, linked columns as {@code alias.column})
     */
    record Result(String table, List<String> columns, List<Map<String, Object>> rows) {}

    /** @throws IllegalArgumentException when the FetchXML is malformed or asks what the emulator does not run */
    Result run(String fetchXml, SiteSnapshot site, SiteUser user);
}
