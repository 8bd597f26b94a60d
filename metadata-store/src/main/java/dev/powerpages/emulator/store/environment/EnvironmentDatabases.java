package dev.powerpages.emulator.store.environment;

import com.zaxxer.hikari.HikariDataSource;
import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.schema.SqlDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
            url = "jdbc:h2:mem:store-" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE";
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
            url = "jdbc:h2:file:" + properties.dataDir().toAbsolutePath().resolve(name)
                    + ";WRITE_DELAY=0;IGNORECASE=TRUE";
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
