package dev.powerpages.emulator.store.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.schema.SqlDialect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An in-memory store's system tables are created without Flyway: the database must be the one Flyway would have made,
 * and Flyway must take its history as its own. A kept database stays Flyway's.
 */
class InMemoryMigrationTest {

    /** The store's own spring.flyway settings, from its application.yml. */
    private static final FlywayProperties SETTINGS = storeSettings();

    private final SystemTables systemTables = new SystemTables(SETTINGS, SqlDialect.H2);

    @Test
    void anInMemoryDatabaseGetsTheSameObjectsAndHistoryAsFlywayGives() {
        DataSource byFlyway = inMemory();
        DataSource direct = inMemory();
        systemTables.flywayConfiguration(byFlyway).load().migrate();

        assertThat(migration().applyToFreshInMemoryDatabase(direct)).isTrue();

        assertThat(history(direct)).isEqualTo(history(byFlyway)).hasSize(3);
        assertThat(history(direct).get(2))
                .containsEntry("version", "2.1")
                .containsEntry("description", "site folder")
                .containsEntry("script", "V2_1__site_folder.sql");
        assertThat(objects(direct)).isEqualTo(objects(byFlyway)).isNotEmpty();
    }

    @Test
    void flywayTakesTheRecordedHistoryAsItsOwn() {
        DataSource direct = inMemory();
        migration().applyToFreshInMemoryDatabase(direct);

        Flyway flyway = systemTables.flywayConfiguration(direct).load();
        flyway.validate(); // throws on a checksum, description or script name of its own that differs
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).hasSize(2);
        assertThat(flyway.migrate().migrationsExecuted).isZero();
    }

    @Test
    void theVersionSequenceStartsWhereTheScriptSays() {
        DataSource direct = inMemory();
        migration().applyToFreshInMemoryDatabase(direct);

        assertThat(new JdbcTemplate(direct).queryForObject("SELECT NEXT VALUE FOR \"versionnumber_seq\"", Long.class))
                .isEqualTo(1000L);
    }

    @Test
    void aDatabaseThatAlreadyHoldsTablesIsLeftToFlyway() {
        DataSource old = inMemory();
        new JdbcTemplate(old).execute("CREATE SEQUENCE \"versionnumber_seq\" START WITH 5000");

        assertThat(migration().applyToFreshInMemoryDatabase(old)).isFalse();
        assertThat(new JdbcTemplate(old)
                        .queryForList(
                                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'",
                                String.class))
                .isEmpty();
    }

    @Test
    void aDatabaseFileIsLeftToFlyway(@TempDir Path dir) {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + dir.resolve("kept").toAbsolutePath() + ";IGNORECASE=TRUE");
        file.setUser("sa");

        assertThat(migration().applyToFreshInMemoryDatabase(file)).isFalse();

        systemTables.migrate(file, null); // Flyway: its history as before
        assertThat(new JdbcTemplate(file)
                        .queryForList(
                                "SELECT \"version\" FROM \"_flyway_history\" WHERE \"version\" IS NOT NULL"
                                        + " ORDER BY \"installed_rank\"",
                                String.class))
                .containsExactly("1", "2.1");
    }

    @Test
    void theChecksumIsFlywaysWhateverTheLineEndings() throws IOException {
        InMemoryMigration migration = migration();
        int unix = migration.checksum(new org.springframework.core.io.ByteArrayResource(
                "CREATE SEQUENCE s;\n-- a comment\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        int windows = migration.checksum(new org.springframework.core.io.ByteArrayResource(
                "\uFEFFCREATE SEQUENCE s;\r\n-- a comment\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(windows).isEqualTo(unix);
    }

    private InMemoryMigration migration() {
        return new InMemoryMigration(SETTINGS, systemTables.locations());
    }

    private static DataSource inMemory() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:system-tables-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE");
        database.setUser("sa");
        return database;
    }

    /** The history without what differs between any two runs (when, how long). */
    private static List<Map<String, Object>> history(DataSource database) {
        return new JdbcTemplate(database)
                .queryForList("SELECT \"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                        + " \"checksum\", \"installed_by\", \"success\" FROM \"_flyway_history\""
                        + " ORDER BY \"installed_rank\"");
    }

    /** Every table, column, index and sequence of the schema, as H2 describes them. */
    private static List<Map<String, Object>> objects(DataSource database) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        List<Map<String, Object>> objects = new java.util.ArrayList<>(jdbc.queryForList(
                "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE, COLUMN_DEFAULT"
                        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"
                        + " ORDER BY TABLE_NAME, ORDINAL_POSITION"));
        objects.addAll(jdbc.queryForList("SELECT I.TABLE_NAME, I.INDEX_NAME, I.INDEX_TYPE_NAME, C.COLUMN_NAME"
                + " FROM INFORMATION_SCHEMA.INDEXES I JOIN INFORMATION_SCHEMA.INDEX_COLUMNS C"
                + " ON C.INDEX_SCHEMA = I.INDEX_SCHEMA AND C.INDEX_NAME = I.INDEX_NAME"
                + " WHERE I.TABLE_SCHEMA = 'PUBLIC' ORDER BY I.TABLE_NAME, I.INDEX_NAME, C.ORDINAL_POSITION"));
        objects.addAll(
                jdbc.queryForList("SELECT SEQUENCE_NAME, START_VALUE, INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES"
                        + " WHERE SEQUENCE_SCHEMA = 'PUBLIC' ORDER BY SEQUENCE_NAME"));
        return objects;
    }

    private static FlywayProperties storeSettings() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader()
                    .load("store", new ClassPathResource("application.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
            return Binder.get(environment).bindOrCreate("spring.flyway", FlywayProperties.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
