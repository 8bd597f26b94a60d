package dev.powerpages.emulator.store.environment;

import com.zaxxer.hikari.HikariDataSource;
import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.schema.SchemaMigrator;
import dev.powerpages.emulator.store.schema.SqlDialect;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FlywayProperties.class)
class StorageConfiguration {

    /**
     * The store's database: PostgreSQL (or another H2) when {@code spring.datasource.url} is set
     * ({@code SPRING_DATASOURCE_URL}, with {@code spring.datasource.username}/{@code password}),
     * otherwise H2, file-backed under {@code store.data-dir} unless {@code store.in-memory}.
     * {@code spring.datasource.hikari.*} tunes the pool either way.
     * <ul>
     * <li>{@code WRITE_DELAY=0}: H2 2.x's MVStore otherwise keeps commits in memory for up to 500 ms
     * (its auto-commit delay) before writing them. With 0, every transaction commit writes the MVStore
     * chunk to the file before the statement returns (TransactionStore.endTransaction calls
     * MVStore.commit when the delay is 0), so an acknowledged write survives {@code kill -9}. It is not
     * an fsync: a power cut can still lose the last writes, which is acceptable for an emulator.</li>
     * <li>{@code IGNORECASE=TRUE}: text columns compare case-insensitively, as Dataverse's SQL Server
     * collation does ({@code adx_name eq 'home'} finds "Home").</li>
     * <li>PostgreSQL: a commit is acknowledged once its WAL record is flushed to disk (the server's
     * defaults {@code fsync=on}, {@code synchronous_commit=on}), so it survives {@code kill -9} of the
     * store and of PostgreSQL, and a power cut. Case-insensitivity comes from the collation of the
     * text columns ({@link SqlDialect}).</li>
     * </ul>
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(StoreProperties properties, DataSourceProperties datasource) throws IOException {
        HikariDataSource dataSource;
        if (datasource.getUrl() != null && !datasource.getUrl().isBlank()) {
            SqlDialect.forUrl(datasource.getUrl()); // fail at start-up on a database the store cannot run on
            dataSource = datasource
                    .initializeDataSourceBuilder()
                    .type(HikariDataSource.class)
                    .build();
        } else {
            String url;
            if (properties.inMemory()) {
                url = EnvironmentDatabases.h2InMemory("");
            } else {
                Files.createDirectories(properties.dataDir());
                url = EnvironmentDatabases.h2File(properties.dataDir().resolve(EnvironmentDatabases.DEFAULT_FILE));
            }
            dataSource = DataSourceBuilder.create()
                    .type(HikariDataSource.class)
                    .url(url)
                    .username("sa")
                    .password("")
                    .build();
        }
        dataSource.setPoolName("store");
        return dataSource;
    }

    @Bean
    SqlDialect sqlDialect(HikariDataSource dataSource) {
        return SqlDialect.forUrl(dataSource.getJdbcUrl());
    }

    /**
     * The default environment's system tables, migrated as the bean is created: every JdbcTemplate depends on this
     * bean ({@code SystemTablesInitializerDetector}), as it depended on Spring Boot's Flyway initializer before, so
     * they are in place before the store's first query. The other environments' are migrated by
     * {@code EnvironmentInitializer}.
     */
    @Bean
    SystemTables systemTables(
            FlywayProperties flyway, @Qualifier("dataSource") HikariDataSource dataSource, SqlDialect dialect) {
        SystemTables tables = new SystemTables(flyway, dialect);
        tables.migrate(dataSource, null);
        return tables;
    }

    /**
     * The row store is only handed out once the default environment's storage matches its schema (the
     * other environments' is migrated by {@code EnvironmentInitializer}). The system tables are there by then:
     * {@code systemTables} is created before any bean that uses a JdbcTemplate.
     */
    @Bean
    RowStore rowStore(
            JdbcTemplate jdbc,
            EnvironmentSchemas schemas,
            Environments environments,
            SqlDialect dialect,
            HikariDataSource dataSource,
            PlatformTransactionManager transactions) {
        new SchemaMigrator(jdbc, dialect).migrate(schemas.of(environments.defaultEnvironment()));
        boolean inMemory = dataSource.getJdbcUrl().startsWith("jdbc:h2:mem:");
        return new RowStore(jdbc, new TransactionTemplate(transactions), dialect, inMemory);
    }
}
