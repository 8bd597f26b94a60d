package dev.powerpages.emulator.appnode.forms;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table as the store's {@code $metadata} (CSDL) describes it: its entity set, primary key and columns with their
 * Edm types. This is all a form or a list can know of a table here: Dataverse's form XML ({@code systemform}) and
 * views ({@code savedquery}) are not in a site folder, and CSDL carries no display names, required levels, lengths
 * or choice options.
 */
public record TableSchema(String logicalName, String entitySet, String primaryKey, List<Column> columns) {

    /** Columns Dataverse maintains itself, never shown on a form or written by one. */
    private static final Set<String> SYSTEM_COLUMNS = Set.of("createdon", "modifiedon", "versionnumber", "statecode",
            "statuscode", "overriddencreatedon", "importsequencenumber", "timezoneruleversionnumber",
            "utcconversiontimezonecode");

    /** One column: its property name ({@code _x_value} for a lookup) and Edm type. */
    public record Column(String name, String edmType) {

        public boolean lookup() {
            return name.startsWith("_") && name.endsWith("_value");
        }
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The columns a visitor may fill: not the key, not a system column, not a lookup (a lookup needs Power Pages'
     * lookup dialog, which is not emulated) and not a Power Pages sign-in column of {@code contact}.
     */
    public List<Column> editableColumns() {
        return columns.stream()
                .filter(column -> !column.name().equals(primaryKey) && !SYSTEM_COLUMNS.contains(column.name())
                        && !column.lookup() && !column.name().startsWith("adx_identity_"))
                .toList();
    }
}
