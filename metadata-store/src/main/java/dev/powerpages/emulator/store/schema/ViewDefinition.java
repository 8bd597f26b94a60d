package dev.powerpages.emulator.store.schema;

/**
 * One of the enhanced data model's mspp_ tables: Dataverse serves them as virtual tables over the system tables
 * {@code powerpagesite}, {@code powerpagesitelanguage} and {@code powerpagecomponent} ("Enhanced data model", Power
 * Pages docs). The store keeps each as a real table, written together with its source row (see
 * {@code enhanced.EnhancedViews}), so the Web API's query options and change tracking work on it as on any table.
 *
 * @param table         the view's table: {@code mspp_webpage}, columns {@code mspp_*}
 * @param source        the system table its rows come from
 * @param componentType for {@code powerpagecomponent} views, the {@code powerpagecomponenttype} choice value
 * @param mirrors       the standard data model table it corresponds to ({@code adx_webpage}), or {@code null}
 */
public record ViewDefinition(TableDefinition table, String source, Integer componentType, String mirrors) {

    public static final String SITE = "powerpagesite";
    public static final String SITE_LANGUAGE = "powerpagesitelanguage";
    public static final String COMPONENT = "powerpagecomponent";
}
