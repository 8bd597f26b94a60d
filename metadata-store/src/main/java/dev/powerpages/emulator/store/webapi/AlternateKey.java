package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row addressed by an alternate key, {@code accounts(accountnumber='A1')} or with several columns
 * {@code cr123_projects(cr123_code='X',cr123_year=2024)}, as Dataverse allows for the keys a table
 * defines ("Use an alternate key to reference a record").
 */
final class AlternateKey {

    private static final Pattern PAIR =
            Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*=\\s*('(?:[^']|'')*'|[^,']+)\\s*(?:,|$)");

    private AlternateKey() {}

    static boolean looksLikeOne(String key) {
        return key != null && key.contains("=") && !key.trim().matches("[a-z][a-z0-9_]*id\\s*=\\s*[0-9a-fA-F-]{36}");
    }

    /** The key's column values, converted to the columns' types; a 400 if they are not one of the table's keys. */
    static Map<ColumnDefinition, Object> parse(TableDefinition table, String key) {
        Map<ColumnDefinition, Object> values = new LinkedHashMap<>();
        Matcher matcher = PAIR.matcher(key);
        int position = 0;
        while (position < key.length() && matcher.find(position) && matcher.start() == position) {
            ColumnDefinition column = table.column(matcher.group(1)).orElseThrow(() -> notAKey(table, key));
            values.put(column, literal(table, key, column, matcher.group(2).trim()));
            position = matcher.end();
        }
        if (position != key.length() || values.isEmpty()) {
            throw notAKey(table, key);
        }
        Set<String> names = new java.util.HashSet<>();
        values.keySet().forEach(c -> names.add(c.name()));
        boolean declared = table.alternateKeys().values().stream()
                .anyMatch(columns -> Set.copyOf(columns).equals(names));
        if (!declared) {
            throw notAKey(table, key);
        }
        return values;
    }

    private static Object literal(TableDefinition table, String key, ColumnDefinition column, String text) {
        try {
            return switch (column.type()) {
                case STRING, MEMO -> {
                    // a NUL cannot be stored (PostgreSQL's text has none), so no key holds one
                    if (!text.startsWith("'") || text.indexOf('\0') >= 0) {
                        throw notAKey(table, key);
                    }
                    yield text.substring(1, text.length() - 1).replace("''", "'");
                }
                case INTEGER, CHOICE -> Integer.valueOf(text);
                case BIGINT -> Long.valueOf(text);
                case DECIMAL, MONEY -> new BigDecimal(text);
                case BOOLEAN -> Boolean.valueOf(text);
                case UNIQUEIDENTIFIER, LOOKUP -> UUID.fromString(text);
                default -> throw notAKey(table, key);
            };
        } catch (IllegalArgumentException e) {
            throw notAKey(table, key);
        }
    }

    private static DataverseException notAKey(TableDefinition table, String key) {
        List<String> keys = table.alternateKeys().values().stream()
                .map(columns -> String.join(",", columns))
                .toList();
        return DataverseException.badQuery("Bad Request - Error in query syntax: '" + key
                + "' is neither an id nor an alternate key of " + table.logicalName()
                + (keys.isEmpty() ? " (it has none)." : " (its keys: " + String.join("; ", keys) + ")."));
    }
}
