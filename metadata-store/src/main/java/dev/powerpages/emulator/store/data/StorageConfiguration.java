package dev.powerpages.emulator.store.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.schema.SchemaLoader;
import dev.powerpages.emulator.store.schema.SchemaMigrator;
import dev.powerpages.emulator.store.schema.StoreSchema;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /**
     * H2, file-backed under {@code store.data-dir} unless {@code store.in-memory}.
     * <ul>
     * <li>{@code WRITE_DELAY=0}: H2 2.x's MVStore otherwise keeps commits in memory for up to 500 ms
     * (its auto-commit delay) before writing them. With 0, every transaction commit writes the MVStore
     * chunk to the file before the statement returns (TransactionStore.endTransaction calls
     * MVStore.commit when the delay is 0), so an acknowledged write survives {@code kill -9}. It is not
     * an fsync: a power cut can still lose the last writes, which is acceptable for an emulator.</li>
     * <li>{@code IGNORECASE=TRUE}: text columns compare case-insensitively, as Dataverse's SQL Server
     * collation does ({@code adx_name eq 'home'} finds "Home").</li>
     * </ul>
     */
    @Bean
    DataSource dataSource(StoreProperties properties) throws IOException {
        String url;
        if (properties.inMemory()) {
            // A unique name per application context, so test contexts never share data.
            url = "jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE";
        } else {
            Files.createDirectories(properties.dataDir());
            url = "jdbc:h2:file:" + properties.dataDir().toAbsolutePath().resolve("contoso")
                    + ";WRITE_DELAY=0;IGNORECASE=TRUE";
        }
        HikariDataSource dataSource = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(url).username("sa").password("").build();
        dataSource.setPoolName("store");
        return dataSource;
    }

    @Bean
    StoreSchema storeSchema(StoreProperties properties, ResourceLoader resources) throws IOException {
        try (InputStream yaml = resources.getResource(properties.schema()).getInputStream()) {
            return new SchemaLoader().load(yaml);
        }
    }

    /** The row store is only handed out once the storage matches the schema. */
    @Bean
    RowStore rowStore(JdbcTemplate jdbc, StoreSchema schema, StoreProperties properties, PlatformTransactionManager transactions) {
        new SchemaMigrator(jdbc).migrate(schema);
        RowStore rows = new RowStore(jdbc, new TransactionTemplate(transactions), properties.inMemory());
        rows.createTombstoneTable();
        return rows;
    }
}
