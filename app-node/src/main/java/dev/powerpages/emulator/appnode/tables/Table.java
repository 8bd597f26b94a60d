package dev.powerpages.emulator.appnode.tables;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table as the store's {@code $metadata} (CSDL) describes it: its logical name, entity set, primary key, columns
 * with their Edm types, lookups and navigation properties (with the table each leads to). This is all a form, a list,
 * the Web API or FetchXML can know of a table here: Dataverse's form XML ({@code systemform}) and views
 * ({@code savedquery}) are not in a site folder, and CSDL carries no display names, required levels, lengths or
 * choice options.
 *
 * @param lookups the lookup columns by logical name, lower case ({@code parentcustomerid}, answered by the Web API as
 *        {@code _parentcustomerid_value})
 * @param navigationTargets navigation property → the logical name of the table it leads to
 */
public record Table(
        String logicalName,
        String entitySet,
        String primaryKey,
        List<Column> columns,
        Set<String> lookups,
        Map<String, String> navigationTargets) {

    /** Columns Dataverse maintains itself, never shown on a form or written by one. */
    private static final Set<String> SYSTEM_COLUMNS = Set.of(
            "createdon",
            "modifiedon",
            "versionnumber",
            "statecode",
            "statuscode",
            "overriddencreatedon",
            "importsequencenumber",
            "timezoneruleversionnumber",
            "utcconversiontimezonecode");

    /** One column: its property name ({@code _x_value} for a lookup) and Edm type. */
    public record Column(String name, String edmType) {

        public boolean lookup() {
            return name.startsWith("_") && name.endsWith("_value");
        }
    }

    public Optional<Column> column(String name) {
        return columns.stream()
                .filter(column -> column.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /**
     * The columns a visitor may fill: not the key, not a system column, not a lookup (a lookup needs Power Pages'
     * lookup dialog, which is not emulated) and not a Power Pages sign-in column of {@code contact}.
     */
    public List<Column> editableColumns() {
        return columns.stream()
                .filter(column -> !column.name().equals(primaryKey)
                        && !SYSTEM_COLUMNS.contains(column.name())
                        && !column.lookup()
                        && !column.name().startsWith("adx_identity_"))
                .toList();
    }
}
