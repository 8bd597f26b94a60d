package dev.powerpages.emulator.store.data;

import static dev.powerpages.emulator.store.schema.SchemaDdl.quote;

import dev.powerpages.emulator.store.odata.QueryOptions;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.SchemaDdl;
import dev.powerpages.emulator.store.schema.SqlDialect;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and writes rows of any table described by the schema. Rows are maps from column logical
 * name to a Java value (String, Integer, Long, Boolean, BigDecimal, UUID, OffsetDateTime). All SQL
 * identifiers come from the schema, never from the request.
 */
public class RowStore implements DisposableBean {

    /** Dataverse returns at most 5,000 rows per page (the largest odata.maxpagesize it accepts). */
    public static final int MAX_ROWS = 5000;

    /**
     * Tombstones of deleted rows, for change tracking. The leading underscore keeps the name out of
     * the schema's alphabet ({@code [a-z]...}), so no table of the schema can collide with it. A fixed
     * system table, created by Flyway (db/migration/{vendor}) like the version sequence.
     */
    static final String TOMBSTONES = "_tombstone";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SqlDialect dialect;
    private final boolean inMemory;
    /**
     * Writers hold the read lock from taking a row version until their write is committed; taking a
     * change token takes the write lock. So every version below a token is committed when the token
     * is handed out, and a delta query never misses a write that committed late.
     */
    private final ReentrantReadWriteLock changeClock = new ReentrantReadWriteLock();

    private final List<RowListener> listeners = new CopyOnWriteArrayList<>();

    /** @param inMemory whether the database is H2 in memory, to be shut down with the store */
    public RowStore(JdbcTemplate jdbc, TransactionTemplate transaction, SqlDialect dialect, boolean inMemory) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.dialect = dialect;
        this.inMemory = inMemory;
    }

    public List<Map<String, Object>> query(TableDefinition table, QueryOptions options) {
        return query(
                table, options, Window.first(options.top() == null ? MAX_ROWS : Math.min(options.top(), MAX_ROWS)));
    }

    /** The rows of one page: those matching the options, within the window, in the options' order then by key. */
    public List<Map<String, Object>> query(TableDefinition table, QueryOptions options, Window window) {
        List<ColumnDefinition> columns = columns(table, options.select());
        SqlFilter filter = SqlFilter.of(options.filter(), dialect);
        List<Object> parameters = new ArrayList<>(filter.parameters());
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(columnList(columns))
                .append(" FROM ")
                .append(quote(table.logicalName()))
                .append(" WHERE ")
                .append(filter.sql())
                .append(windowCondition(table, window, parameters));
        List<String> order = new ArrayList<>();
        options.orderBy().forEach(o -> order.add(quote(o.column().name()) + (o.descending() ? " DESC" : " ASC")));
        order.add(quote(table.primaryId())); // a stable order, as Dataverse's default
        sql.append(" ORDER BY ").append(String.join(", ", order));
        sql.append(" LIMIT ")
                .append(Math.min(window.limit(), MAX_ROWS + 1))
                .append(" OFFSET ")
                .append(window.offset());
        return jdbc.query(sql.toString(), mapper(columns), parameters.toArray());
    }

    /**
     * Rows written within the window's change range that do not (or no longer) match the filter: in
     * a delta response OData reports them as removed with reason "changed".
     */
    public List<UUID> changedOutOfFilter(TableDefinition table, QueryOptions options, Window window) {
        if (options.filter() == null || !window.isDelta()) {
            return List.of();
        }
        SqlFilter filter = SqlFilter.of(options.filter(), dialect);
        List<Object> parameters = new ArrayList<>(filter.parameters());
        String range = windowCondition(
                table, new Window(0, null, MAX_ROWS, window.changedAfter(), window.changedBefore()), parameters);
        return jdbc.queryForList(
                "SELECT " + quote(table.primaryId()) + " FROM " + quote(table.logicalName()) + " WHERE NOT "
                        + filter.sql() + range + " ORDER BY " + quote(table.primaryId()),
                UUID.class,
                parameters.toArray());
    }

    /** Ids of rows of the table deleted between two change tokens (and not created again since). */
    public List<UUID> deletedBetween(TableDefinition table, long changedAfter, long changedBefore) {
        return jdbc.queryForList(
                "SELECT DISTINCT t." + quote("id") + " FROM " + quote(TOMBSTONES) + " t WHERE t." + quote("entity")
                        + " = ? AND t." + quote("versionnumber") + " > ? AND t." + quote("versionnumber")
                        + " < ? AND NOT EXISTS (SELECT 1 FROM "
                        + quote(table.logicalName()) + " r WHERE r." + quote(table.primaryId()) + " = t." + quote("id")
                        + ") ORDER BY t."
                        + quote("id"),
                UUID.class,
                table.logicalName(),
                changedAfter,
                changedBefore);
    }

    /**
     * A change token: every write with a lower row version is committed, every later write gets a
     * higher one. It consumes a value of the version sequence, so no row ever carries a token.
     */
    public long changeToken() {
        changeClock.writeLock().lock();
        try {
            return nextVersion();
        } finally {
            changeClock.writeLock().unlock();
        }
    }

    private static String windowCondition(TableDefinition table, Window window, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (window.afterId() != null) {
            sql.append(" AND ").append(quote(table.primaryId())).append(" > ?");
            parameters.add(window.afterId());
        }
        if (window.changedAfter() != null) {
            sql.append(" AND ").append(quote("versionnumber")).append(" > ?");
            parameters.add(window.changedAfter());
        }
        if (window.changedBefore() != null) {
            sql.append(" AND ").append(quote("versionnumber")).append(" < ?");
            parameters.add(window.changedBefore());
        }
        return sql.toString();
    }

    public long count(TableDefinition table, QueryOptions options) {
        SqlFilter filter = SqlFilter.of(options.filter(), dialect);
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + quote(table.logicalName()) + " WHERE " + filter.sql(),
                Long.class,
                filter.parameters().toArray());
        return count == null ? 0 : count;
    }

    public Optional<Map<String, Object>> find(TableDefinition table, UUID id, List<ColumnDefinition> select) {
        List<ColumnDefinition> columns = columns(table, select);
        List<Map<String, Object>> rows = jdbc.query(
                "SELECT " + columnList(columns) + " FROM " + quote(table.logicalName()) + " WHERE "
                        + quote(table.primaryId()) + " = ?",
                mapper(columns),
                id);
        return rows.stream().findFirst();
    }

    /** Rows whose column holds one of the values (for $expand), with that column among the selected ones. */
    public List<Map<String, Object>> findByColumnIn(
            TableDefinition table, ColumnDefinition column, Collection<UUID> values, List<ColumnDefinition> select) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<ColumnDefinition> columns = columns(table, select);
        if (!columns.contains(column)) {
            columns.add(column);
        }
        String marks = values.stream().map(v -> "?").collect(Collectors.joining(", "));
        return jdbc.query(
                "SELECT " + columnList(columns) + " FROM " + quote(table.logicalName()) + " WHERE "
                        + quote(column.name()) + " IN (" + marks + ") ORDER BY " + quote(table.primaryId()) + " LIMIT "
                        + MAX_ROWS,
                mapper(columns),
                values.toArray());
    }

    /**
     * Every row of a table with all its columns, file columns included, by key: what an import compares with and an
     * export writes (no paging: a site's tables are small).
     */
    public List<Map<String, Object>> all(TableDefinition table) {
        return jdbc.query(
                "SELECT " + columnList(table.columns()) + " FROM " + quote(table.logicalName()) + " ORDER BY "
                        + quote(table.primaryId()),
                mapper(table.columns()));
    }

    /** A row with every column, file columns included. */
    public Optional<Map<String, Object>> findWhole(TableDefinition table, UUID id) {
        return jdbc
                .query(
                        "SELECT " + columnList(table.columns()) + " FROM " + quote(table.logicalName()) + " WHERE "
                                + quote(table.primaryId()) + " = ?",
                        mapper(table.columns()),
                        id)
                .stream()
                .findFirst();
    }

    /** The ids of the rows whose column holds this value (compared as the column compares: text case-insensitively). */
    public List<UUID> idsWhere(TableDefinition table, ColumnDefinition column, Object value) {
        return jdbc.queryForList(
                "SELECT " + quote(table.primaryId()) + " FROM " + quote(table.logicalName()) + " WHERE "
                        + quote(column.name()) + " = ? ORDER BY " + quote(table.primaryId()),
                UUID.class,
                value);
    }

    /** The row version of each row of a table. */
    public Map<UUID, Long> versions(TableDefinition table) {
        Map<UUID, Long> versions = new LinkedHashMap<>();
        jdbc.query(
                "SELECT " + quote(table.primaryId()) + ", " + quote("versionnumber") + " FROM "
                        + quote(table.logicalName()),
                rs -> {
                    versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return versions;
    }

    /** The id of the row whose columns hold these values (an alternate key), if any. */
    public Optional<UUID> findIdByKey(TableDefinition table, Map<ColumnDefinition, Object> key) {
        List<Object> parameters = new ArrayList<>(key.values());
        String where = key.keySet().stream().map(c -> quote(c.name()) + " = ?").collect(Collectors.joining(" AND "));
        return jdbc
                .queryForList(
                        "SELECT " + quote(table.primaryId()) + " FROM " + quote(table.logicalName()) + " WHERE " + where
                                + " LIMIT 1",
                        UUID.class,
                        parameters.toArray())
                .stream()
                .findFirst();
    }

    public boolean exists(TableDefinition table, UUID id) {
        Integer found = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + quote(table.logicalName()) + " WHERE " + quote(table.primaryId()) + " = ?",
                Integer.class,
                id);
        return found != null && found > 0;
    }

    public boolean isEmpty(TableDefinition table) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM " + quote(table.logicalName()), Integer.class);
        return found == null || found == 0;
    }

    /**
     * Inserts a row, stamping createdon, modifiedon and a new row version; statecode and statuscode
     * default to 0 (Active) and 1 (Active), as for a new Dataverse row.
     *
     * @return the row version written
     */
    public long insert(TableDefinition table, UUID id, Map<String, Object> values) {
        return underChangeClock(() -> withListeners(table, () -> {
            long version = doInsert(table, id, values);
            listeners(table).forEach(listener -> listener.written(table, id, true));
            return version;
        }));
    }

    private long doInsert(TableDefinition table, UUID id, Map<String, Object> values) {
        long version = nextVersion();
        OffsetDateTime now = now();
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.put(table.primaryId(), id);
        row.putIfAbsent("createdon", now);
        row.put("modifiedon", row.getOrDefault("modifiedon", now));
        row.put("versionnumber", version);
        row.putIfAbsent("statecode", 0);
        row.putIfAbsent("statuscode", 1);
        String names = row.keySet().stream().map(SchemaDdl::quote).collect(Collectors.joining(", "));
        String marks = row.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
        jdbc.update(
                "INSERT INTO " + quote(table.logicalName()) + " (" + names + ") VALUES (" + marks + ")",
                row.values().toArray());
        return version;
    }

    /**
     * Updates a row, stamping modifiedon and a new row version.
     *
     * @param expectedVersion when not null, update only if the row still has this version (If-Match)
     * @return the new row version, or empty when no row matched
     */
    public Optional<Long> update(TableDefinition table, UUID id, Map<String, Object> values, Long expectedVersion) {
        return underChangeClock(() -> withListeners(table, () -> {
            Optional<Long> version = doUpdate(table, id, values, expectedVersion);
            version.ifPresent(v -> listeners(table).forEach(listener -> listener.written(table, id, false)));
            return version;
        }));
    }

    private Optional<Long> doUpdate(TableDefinition table, UUID id, Map<String, Object> values, Long expectedVersion) {
        long version = nextVersion();
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.put("modifiedon", now());
        row.put("versionnumber", version);
        List<Object> parameters = new ArrayList<>(row.values());
        parameters.add(id);
        String sql = "UPDATE " + quote(table.logicalName()) + " SET "
                + row.keySet().stream().map(k -> quote(k) + " = ?").collect(Collectors.joining(", "))
                + " WHERE " + quote(table.primaryId()) + " = ?";
        if (expectedVersion != null) {
            sql += " AND " + quote("versionnumber") + " = ?";
            parameters.add(expectedVersion);
        }
        return jdbc.update(sql, parameters.toArray()) == 1 ? Optional.of(version) : Optional.empty();
    }

    /** Deletes a row and leaves a tombstone, in one transaction, so change tracking can report the deletion. */
    public boolean delete(TableDefinition table, UUID id) {
        return underChangeClock(() -> Boolean.TRUE.equals(transaction.execute(status -> {
            listeners(table).forEach(listener -> listener.deleting(table, id));
            if (jdbc.update(
                            "DELETE FROM " + quote(table.logicalName()) + " WHERE " + quote(table.primaryId()) + " = ?",
                            id)
                    != 1) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO " + quote(TOMBSTONES) + " VALUES (?, ?, ?, ?)",
                    table.logicalName(),
                    id,
                    nextVersion(),
                    now());
            return true;
        })));
    }

    /**
     * Runs several writes as one atomic unit (a $batch change set): all commit or none, and no change
     * token is handed out while it runs.
     */
    public <T> T inTransaction(Supplier<T> work) {
        return underChangeClock(() -> transaction.execute(status -> work.get()));
    }

    /** Registers a listener of writes (see {@link RowListener}). */
    public void addListener(RowListener listener) {
        listeners.add(listener);
    }

    private List<RowListener> listeners(TableDefinition table) {
        return listeners.stream().filter(listener -> listener.listensTo(table)).toList();
    }

    /** A write and what its listeners write run in one transaction (joining the caller's, if any). */
    private <T> T withListeners(TableDefinition table, Supplier<T> write) {
        return listeners(table).isEmpty() ? write.get() : transaction.execute(status -> write.get());
    }

    private <T> T underChangeClock(Supplier<T> write) {
        changeClock.readLock().lock();
        try {
            return write.get();
        } finally {
            changeClock.readLock().unlock();
        }
    }

    private long nextVersion() {
        Long version = jdbc.queryForObject(dialect.nextValue(quote(SchemaDdl.VERSION_SEQUENCE)), Long.class);
        return version == null ? 0 : version;
    }

    /** Dataverse keeps date-times to the millisecond, in UTC. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The selected columns plus what every Web API row carries: the primary key and the row version. */
    private static List<ColumnDefinition> columns(TableDefinition table, List<ColumnDefinition> select) {
        if (select.isEmpty()) {
            return new ArrayList<>(table.properties());
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        columns.add(table.column(table.primaryId()).orElseThrow());
        columns.add(table.column("versionnumber").orElseThrow());
        select.stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        return columns;
    }

    private static String columnList(List<ColumnDefinition> columns) {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    private static RowMapper<Map<String, Object>> mapper(List<ColumnDefinition> columns) {
        return (rs, rowNum) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i).name(), read(rs, i + 1, columns.get(i)));
            }
            return row;
        };
    }

    private static Object read(ResultSet rs, int index, ColumnDefinition column) throws SQLException {
        return switch (column.type()) {
            case STRING, MEMO, LONGMEMO, MULTICHOICE, FILE -> rs.getString(index);
            case INTEGER, CHOICE -> rs.getObject(index, Integer.class);
            case BIGINT -> rs.getObject(index, Long.class);
            case BOOLEAN -> rs.getObject(index, Boolean.class);
            case DECIMAL, MONEY -> rs.getBigDecimal(index);
            case DATETIME -> rs.getObject(index, OffsetDateTime.class);
            case UNIQUEIDENTIFIER, LOOKUP -> rs.getObject(index, UUID.class);
        };
    }

    /** An in-memory database outlives its connections (DB_CLOSE_DELAY=-1): drop it with the context. */
    @Override
    public void destroy() {
        if (inMemory) {
            jdbc.execute("SHUTDOWN");
        }
    }
}
