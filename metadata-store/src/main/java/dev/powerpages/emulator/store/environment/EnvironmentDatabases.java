package dev.powerpages.emulator.store.environment;

import com.zaxxer.hikari.HikariDataSource;
import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.schema.SqlDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.jdbc.DataSourceBuilder;

/**
 * Creates the database of an environment other than the default one, on the default's database
 * engine and with its settings (see {@code StorageConfiguration}): with H2, a file
 * {@code <data-dir>/<name>.mv.db} beside the default's {@code contoso.mv.db}, written through on every
 * commit ({@code WRITE_DELAY=0}) and case-insensitive like Dataverse's collation, or a private
 * in-memory database; with PostgreSQL, a schema of its own ({@code env_<name>}) in the default's
 * database, reached with the same credentials, so one PostgreSQL database holds every environment
 * while their rows stay apart as separate Dataverse databases keep them.
 */
final class EnvironmentDatabases {

    /** The default environment's file name, fixed by {@code StorageConfiguration} whatever the default is called. */
    static final String DEFAULT_FILE = "contoso";

    /**
     * H2 closes a database in a JVM shutdown hook of its own, beside Spring's graceful shutdown: a write still in
     * flight when the store is stopped (SIGTERM: ./stack down, docker stop) then failed with "Database is already
     * closed" (500). Without that hook the pool closes the database once the web server has answered the last request.
     */
    private static final String OPEN_UNTIL_THE_POOL_CLOSES = ";DB_CLOSE_ON_EXIT=FALSE";

    /** An in-memory database, unique per call (test contexts never share data), kept while the pool lives. */
    static String h2InMemory(String prefix) {
        return "jdbc:h2:mem:store-" + prefix + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE"
                + OPEN_UNTIL_THE_POOL_CLOSES;
    }

    /** A database file, each commit written before it is acknowledged (WRITE_DELAY=0: nothing lost on a crash). */
    static String h2File(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;IGNORECASE=TRUE" + OPEN_UNTIL_THE_POOL_CLOSES;
    }

    private final StoreProperties properties;

    EnvironmentDatabases(StoreProperties properties) {
        this.properties = properties;
    }

    HikariDataSource create(String name, HikariDataSource defaultDatabase) {
        if (SqlDialect.forUrl(defaultDatabase.getJdbcUrl()) == SqlDialect.POSTGRESQL) {
            return inPostgresSchema(name, defaultDatabase);
        }
        String url;
        if (properties.inMemory()) {
            url = h2InMemory(name + "-");
        } else {
            if (name.equals(DEFAULT_FILE)) {
                throw new IllegalStateException(
                        "Environment 'contoso' would share the default environment's database file; "
                                + "make it the default environment or rename it");
            }
            try {
                Files.createDirectories(properties.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = h2File(properties.dataDir().resolve(name));
        }
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(url)
                .username("sa")
                .password("")
                .build();
        dataSource.setPoolName("store-" + name);
        return dataSource;
    }

    /** The PostgreSQL schema of an environment: hyphens are not valid in an unquoted identifier. */
    static String postgresSchema(String name) {
        return "env_" + name.replace('-', '_');
    }

    private static HikariDataSource inPostgresSchema(String name, HikariDataSource defaultDatabase) {
        String url = defaultDatabase.getJdbcUrl();
        url += (url.contains("?") ? "&" : "?") + "currentSchema=" + postgresSchema(name);
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(url)
                .username(defaultDatabase.getUsername())
                .password(defaultDatabase.getPassword())
                .build();
        // the pool settings an operator gave (spring.datasource.hikari.*) hold for every environment
        defaultDatabase.copyStateTo(dataSource);
        dataSource.setJdbcUrl(url);
        dataSource.setPoolName("store-" + name);
        return dataSource;
    }
}
