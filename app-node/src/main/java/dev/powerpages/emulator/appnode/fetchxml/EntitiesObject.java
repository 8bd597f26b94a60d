package dev.powerpages.emulator.appnode.fetchxml;

import dev.powerpages.emulator.appnode.site.SitePermissions;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Power Pages' {@code entities} object ("Liquid objects", entities): {@code entities.account['<id>']},
 * {@code entities['contact'][request.params.id]} load one row by its id, as an entity object (columns by logical name,
 * lookups as references with {@code id}, {@code logical_name} and {@code name}, plus {@code id},
 * {@code logical_name} and {@code permissions}: {@code can_read}, {@code can_create}, {@code can_write},
 * {@code can_delete}, {@code can_append}, {@code can_append_to}, {@code rules_exist}); {@code null} when there is no
 * such row or the visitor's table permissions do not let them read it.
 *
 * <p>Maps whose {@code get} loads on demand, because liqp looks names up on a map: nothing is read until a template
 * names a table and an id, and each row is read once per render.
 */
final class EntitiesObject extends AbstractMap<String, Object> {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern GUID =
            Pattern.compile("\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?");

    /** Loads one row (or {@code null}) of a table for the visitor. */
    interface Loader {
        Map<String, Object> load(String table, String id);

        SitePermissions.Access access(String table);
    }

    private final Loader loader;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    EntitiesObject(Loader loader) {
        this.loader = loader;
    }

    @Override
    public Object get(Object key) {
        if (key == null || !TABLE.matcher(String.valueOf(key)).matches()) {
            return null;
        }
        return tables.computeIfAbsent(String.valueOf(key).toLowerCase(Locale.ROOT), Table::new);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Set.of();
    }

    /** One table: its rows by id. */
    private final class Table extends AbstractMap<String, Object> {

        private final String name;
        private final Map<String, Map<String, Object>> rows = new ConcurrentHashMap<>();

        Table(String name) {
            this.name = name;
        }

        @Override
        public Object get(Object key) {
            if (key == null || !GUID.matcher(String.valueOf(key).strip()).matches()) {
                return null;
            }
            String id = String.valueOf(key)
                    .strip()
                    .replace("{", "")
                    .replace("}", "")
                    .toLowerCase(Locale.ROOT);
            Map<String, Object> row = rows.computeIfAbsent(id, this::load);
            return row.isEmpty() ? null : row;
        }

        private Map<String, Object> load(String id) {
            Map<String, Object> row = loader.load(name, id);
            if (row == null) {
                return Map.of();
            }
            Map<String, Object> entity = new LinkedHashMap<>(row);
            entity.put("permissions", permissions(loader.access(name)));
            return entity;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }

    private static Map<String, Object> permissions(SitePermissions.Access access) {
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("can_append", access.global().write() || access.self().write());
        permissions.put(
                "can_append_to", access.global().write() || access.self().write());
        permissions.put("can_create", access.global().create());
        permissions.put("can_delete", access.global().delete() || access.self().delete());
        permissions.put("can_read", access.canRead());
        permissions.put("can_write", access.global().write() || access.self().write());
        permissions.put("rules_exist", !access.equals(SitePermissions.Access.NONE));
        return permissions;
    }
}
