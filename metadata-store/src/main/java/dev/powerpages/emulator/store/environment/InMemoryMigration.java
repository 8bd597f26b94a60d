package dev.powerpages.emulator.store.environment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The system tables' versioned scripts applied to a fresh in-memory H2 database without Flyway, and recorded in the
 * history table exactly as Flyway 11 records them on H2 (its table, its "table created" marker row, one row per
 * script with Flyway's description, script name and CRC-32 checksum), so the database looks as if Flyway had migrated
 * it and Flyway itself takes the history as its own ({@code InMemoryMigrationTest} checks both against Flyway).
 *
 * <p>Only for what needs none of Flyway's judgement: an H2 database in memory with nothing in its schema (so nothing
 * to validate, baseline or lock against), classpath locations, versioned scripts only, no placeholders in them, no
 * target. Anything else is declined ({@code false}) and left to Flyway. Why it exists: {@link SystemTables}.
 */
final class InMemoryMigration {

    private final FlywayProperties settings;
    private final List<String> locations;

    InMemoryMigration(FlywayProperties settings, List<String> locations) {
        this.settings = settings;
        this.locations = locations;
    }

    /** A versioned script: {@code V2_1__site_folder.sql} is version 2.1, "site folder". */
    record Script(Resource resource, String path, String version, String description) {

        List<BigInteger> versionParts() {
            List<BigInteger> parts = new ArrayList<>();
            for (String part : version.split("\\.")) {
                parts.add(new BigInteger(part));
            }
            return parts;
        }
    }

    /** Whether it applied the scripts; {@code false}: the database is Flyway's to migrate. */
    boolean applyToFreshInMemoryDatabase(DataSource database) {
        String target = settings.getTarget();
        if ((target != null && !target.isBlank() && !target.equalsIgnoreCase("latest"))
                || !settings.getInitSqls().isEmpty()) {
            return false;
        }
        try (Connection connection = database.getConnection()) {
            if (!connection.getMetaData().getURL().startsWith("jdbc:h2:mem:") || !schemaIsEmpty(connection)) {
                return false;
            }
            List<Script> scripts = scripts();
            if (scripts == null) {
                return false;
            }
            apply(connection, scripts);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the store's system tables", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store's system table scripts", e);
        }
    }

    private static boolean schemaIsEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet objects = statement.executeQuery("SELECT (SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA) + (SELECT COUNT(*) FROM INFORMATION_SCHEMA.SEQUENCES"
                        + " WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA)")) {
            objects.next();
            return objects.getLong(1) == 0;
        }
    }

    /** The versioned scripts in version order, or {@code null} where one of them needs Flyway. */
    List<Script> scripts() throws IOException {
        PathMatchingResourcePatternResolver resolver =
                new PathMatchingResourcePatternResolver(InMemoryMigration.class.getClassLoader());
        String prefix = settings.getSqlMigrationPrefix();
        String separator = settings.getSqlMigrationSeparator();
        List<Script> scripts = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        for (String location : locations) {
            if (!location.startsWith("classpath:")) {
                return null;
            }
            String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            for (Resource resource : resolver.getResources("classpath*:" + folder + "/**/*")) {
                String name = resource.getFilename();
                String suffix = settings.getSqlMigrationSuffixes().stream()
                        .filter(s -> name != null && name.endsWith(s))
                        .findFirst()
                        .orElse(null);
                if (suffix == null || !resource.isReadable()) {
                    continue; // a folder, or a file Flyway would not take as a migration either
                }
                int split = name.indexOf(separator);
                if (!name.startsWith(prefix) || split <= prefix.length()) {
                    return null; // repeatable, undo, baseline or callback scripts: Flyway's
                }
                String version = name.substring(prefix.length(), split).replace('_', '.');
                if (!version.matches("\\d+(\\.\\d+)*") || !versions.add(version)) {
                    return null;
                }
                String description = name.substring(split + separator.length(), name.length() - suffix.length())
                        .replace('_', ' ');
                String text = read(resource);
                if (settings.isPlaceholderReplacement() && text.contains(settings.getPlaceholderPrefix())) {
                    return null;
                }
                scripts.add(new Script(resource, relativePath(resource, folder), version, description));
            }
        }
        scripts.sort(Comparator.comparing(Script::versionParts, InMemoryMigration::compareVersions));
        return scripts;
    }

    /** The script's path below its location, as Flyway's {@code script} column holds it. */
    private static String relativePath(Resource resource, String folder) throws IOException {
        String url = resource.getURL().toString();
        int at = url.lastIndexOf(folder + "/");
        return at < 0 ? resource.getFilename() : url.substring(at + folder.length() + 1);
    }

    private static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int order = x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private void apply(Connection connection, List<Script> scripts) throws SQLException, IOException {
        String table = quote(settings.getTable());
        String installedBy = installedBy(connection);
        try (Statement statement = connection.createStatement()) {
            // Flyway's history table on H2, with the marker row it adds because H2 cannot lock an empty table.
            statement.execute("CREATE TABLE " + table + " ("
                    + "\"installed_rank\" INT NOT NULL, \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL,"
                    + " \"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INT,"
                    + " \"installed_by\" VARCHAR(100) NOT NULL,"
                    + " \"installed_on\" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " \"execution_time\" INT NOT NULL, \"success\" BOOLEAN NOT NULL,"
                    + " CONSTRAINT " + quote(settings.getTable() + "_pk") + " PRIMARY KEY (\"installed_rank\"))"
                    + " AS SELECT -1, NULL, '<< Flyway Schema History table created >>', 'TABLE', '', NULL, "
                    + literal(installedBy) + ", CURRENT_TIMESTAMP, 0, TRUE");
            statement.execute(
                    "CREATE INDEX " + quote(settings.getTable() + "_s_idx") + " ON " + table + " (\"success\")");
        }
        String record = "INSERT INTO " + table + " (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                + " VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, TRUE)";
        int rank = 1;
        for (Script script : scripts) {
            long started = System.nanoTime();
            ScriptUtils.executeSqlScript(connection, new EncodedResource(script.resource(), encoding()));
            int millis = (int) ((System.nanoTime() - started) / 1_000_000);
            try (PreparedStatement insert = connection.prepareStatement(record)) {
                insert.setInt(1, rank++);
                insert.setString(2, script.version());
                insert.setString(3, script.description());
                insert.setString(4, script.path());
                insert.setInt(5, checksum(script.resource()));
                insert.setString(6, installedBy);
                insert.setInt(7, millis);
                insert.executeUpdate();
            }
        }
    }

    private String installedBy(Connection connection) throws SQLException {
        if (settings.getInstalledBy() != null && !settings.getInstalledBy().isBlank()) {
            return settings.getInstalledBy();
        }
        try (Statement statement = connection.createStatement();
                ResultSet user = statement.executeQuery("SELECT CURRENT_USER")) {
            user.next();
            return user.getString(1);
        }
    }

    /**
     * Flyway's checksum of a script: CRC-32 over its lines' UTF-8 bytes without line endings (so independent of
     * them), a byte order mark dropped.
     */
    int checksum(Resource resource) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), encoding()), 4096)) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    private String read(Resource resource) throws IOException {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), encoding());
        }
    }

    private Charset encoding() {
        return settings.getEncoding() == null ? StandardCharsets.UTF_8 : settings.getEncoding();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
