package dev.powerpages.emulator.store.optionset;

import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.DataverseEnvironment;
import dev.powerpages.emulator.store.environment.EnvironmentPreparation;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The rows of {@code stringmap}, Dataverse's table of option-set labels: one per option of every choice column whose
 * options the schema names, with the columns Dataverse's StringMap table/entity reference lists ({@code
 * attributename}, {@code attributevalue}, {@code value} the label, {@code objecttypecode} the table, {@code langid},
 * {@code displayorder}). Sites read it with FetchXML to list a choice column's labels. The table is read-only to
 * clients ({@code readOnly} in the schema), so the store keeps it in step with the schema itself: at start-up each
 * environment's rows are made to match its tables (its extra tables' choices included), inserting, changing or
 * deleting only what differs, so a persisted store keeps its row ids and versions across restarts.
 */
@Component
@Order(EnvironmentPreparation.OPTION_SET_LABELS)
class StringMapRows implements EnvironmentPreparation {

    private static final Logger log = LoggerFactory.getLogger(StringMapRows.class);

    static final String TABLE = "stringmap";

    /**
     * The language of every label: the organization's base language, English (1033) here, as the schema's labels
     * are. Dataverse adds rows per installed language pack; the emulator has none.
     */
    static final int BASE_LANGUAGE = 1033;

    private final EnvironmentSchemas schemas;
    private final RowStore rows;

    StringMapRows(EnvironmentSchemas schemas, RowStore rows) {
        this.schemas = schemas;
        this.rows = rows;
    }

    @Override
    public void prepare(DataverseEnvironment environment) {
        StoreSchema schema = schemas.current();
        Optional<TableDefinition> stringMap = schema.table(TABLE);
        if (stringMap.isEmpty()) {
            return; // a schema without the table: nothing to serve the labels from
        }
        TableDefinition table = stringMap.get();
        long started = System.nanoTime();
        Map<UUID, Map<String, Object>> wanted = derive(schema);
        int total = wanted.size();
        int[] changed = new int[3]; // inserted, updated, deleted
        rows.inTransaction(() -> {
            for (Map<String, Object> existing : rows.all(table)) {
                UUID id = (UUID) existing.get(table.primaryId());
                Map<String, Object> values = wanted.remove(id);
                if (values == null) {
                    rows.delete(table, id);
                    changed[2]++;
                } else if (!sameValues(existing, values)) {
                    rows.update(table, id, values, null);
                    changed[1]++;
                }
            }
            wanted.forEach((id, values) -> rows.insert(table, id, values));
            changed[0] = wanted.size();
            return null;
        });
        log.info(
                "Option-set labels of {}: {} stringmap rows ({} inserted, {} updated, {} deleted) in {} ms",
                environment.name(),
                total,
                changed[0],
                changed[1],
                changed[2],
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The rows a schema's choice columns give, by a stable id (a name-based UUID of table, column, value and
     * language): the same option keeps its row from one start to the next.
     */
    static Map<UUID, Map<String, Object>> derive(StoreSchema schema) {
        Map<UUID, Map<String, Object>> derived = new LinkedHashMap<>();
        for (TableDefinition table : schema.tables()) {
            if (table.logicalName().equals(TABLE) || schema.intersectOf(table).isPresent()) {
                continue; // Dataverse's intersect tables have no state; the labels table labels nothing
            }
            for (ColumnDefinition column : table.columns()) {
                int displayOrder = 1;
                for (Map.Entry<Integer, String> option : column.options().entrySet()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("attributename", column.name());
                    values.put("attributevalue", option.getKey());
                    values.put("displayorder", displayOrder++);
                    values.put("langid", BASE_LANGUAGE);
                    values.put("objecttypecode", table.logicalName());
                    values.put("value", option.getValue());
                    String name = TABLE + ":" + table.logicalName() + ":" + column.name() + ":" + option.getKey() + ":"
                            + BASE_LANGUAGE;
                    derived.put(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), values);
                }
            }
        }
        return derived;
    }

    private static boolean sameValues(Map<String, Object> existing, Map<String, Object> wanted) {
        return wanted.entrySet().stream()
                .allMatch(entry ->
                        Objects.equals(String.valueOf(existing.get(entry.getKey())), String.valueOf(entry.getValue())));
    }
}
