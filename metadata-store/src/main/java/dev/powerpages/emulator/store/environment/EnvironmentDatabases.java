package dev.powerpages.emulator.store.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

import org.springframework.boot.jdbc.DataSourceBuilder;

import com.zaxxer.hikari.HikariDataSource;

import dev.powerpages.emulator.store.StoreProperties;

/**
 * Creates the database of an environment other than the default one, with the settings of the
 * default's (see {@code StorageConfiguration}): an H2 file {@code <data-dir>/<name>.mv.db} beside the
 * default's {@code contoso.mv.db}, written through on every commit ({@code WRITE_DELAY=0}) and
 * case-insensitive like Dataverse's collation, or a private in-memory database.
 */
final class EnvironmentDatabases {

    /** The default environment's file name, fixed by {@code StorageConfiguration} whatever the default is called. */
    static final String DEFAULT_FILE = "contoso";

    private final StoreProperties properties;

    EnvironmentDatabases(StoreProperties properties) {
        this.properties = properties;
    }

    HikariDataSource create(String name) {
        String url;
        if (properties.inMemory()) {
            url = "jdbc:h2:mem:store-" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE";
        } else {
            if (name.equals(DEFAULT_FILE)) {
                throw new IllegalStateException("Environment 'contoso' would share the default environment's database file; "
                        + "make it the default environment or rename it");
            }
            try {
                Files.createDirectories(properties.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = "jdbc:h2:file:" + properties.dataDir().toAbsolutePath().resolve(name) + ";WRITE_DELAY=0;IGNORECASE=TRUE";
        }
        HikariDataSource dataSource = DataSourceBuilder.create().type(HikariDataSource.class).url(url).username("sa").password("").build();
        dataSource.setPoolName("store-" + name);
        return dataSource;
    }
}
