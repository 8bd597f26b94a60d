package dev.powerpages.emulator.store.odata;

import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.Map;

/**
 * Turns the raw system query options of a request into validated {@link QueryOptions}. The seam
 * where an Apache Olingo based parser (full OData 4.01 grammar) can replace the hand-written one.
 */
public interface QueryOptionsParser {

    /**
     * @param table   the table the request addresses
     * @param options query parameters as received (names already percent-decoded)
     * @throws ODataQueryException when an option is malformed or names an unknown property
     */
    QueryOptions parse(TableDefinition table, Map<String, String> options);
}
