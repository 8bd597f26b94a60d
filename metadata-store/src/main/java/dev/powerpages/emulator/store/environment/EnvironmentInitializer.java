package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.schema.SchemaMigrator;
import dev.powerpages.emulator.store.schema.SqlDialect;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Prepares every environment's database before the web server takes requests: the Flyway migrations
 * of the system tables and the schema's tables (the default environment's were migrated by Spring
 * Boot's Flyway and when the row store was created), then its {@link EnvironmentPreparation}s: the demo
 * seed where the environment asks for it, and the application users of the configured clients (as each
 * Dataverse environment has its own application users).
 */
@Component
class EnvironmentInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentInitializer.class);

    private final Environments environments;
    private final CurrentEnvironment current;
    private final EnvironmentRoutingDataSource databases;
    private final Flyway flyway;
    private final SqlDialect dialect;
    private final JdbcTemplate jdbc;
    private final EnvironmentSchemas schemas;
    private final List<EnvironmentPreparation> preparations;

    EnvironmentInitializer(
            Environments environments,
            CurrentEnvironment current,
            EnvironmentRoutingDataSource databases,
            Flyway flyway,
            SqlDialect dialect,
            JdbcTemplate jdbc,
            EnvironmentSchemas schemas,
            List<EnvironmentPreparation> preparations) {
        this.environments = environments;
        this.current = current;
        this.databases = databases;
        this.flyway = flyway;
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.preparations = preparations; // in their @Order: Spring sorts an injected list
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (DataverseEnvironment environment : environments.all()) {
            current.callIn(environment, () -> {
                if (!environment.isDefault()) {
                    migrate(environment);
                }
                preparations.forEach(preparation -> preparation.prepare(environment));
                return null;
            });
            log.info(
                    "Environment {} ready at {} ({}, regions {}{})",
                    environment.name(),
                    environment.url(),
                    environment.geography(),
                    environment.regions(),
                    environment.isDefault() ? ", default" : "");
        }
    }

    /**
     * The same Flyway migrations as the default environment's, with Spring Boot's Flyway settings, on
     * its own database; then its tables, its own extra tables included.
     */
    private void migrate(DataverseEnvironment environment) {
        FluentConfiguration configuration = Flyway.configure()
                .configuration(flyway.getConfiguration())
                .dataSource(databases.databaseOf(environment.name()));
        if (dialect == SqlDialect.POSTGRESQL) {
            configuration.schemas(EnvironmentDatabases.postgresSchema(environment.name()));
        }
        configuration.load().migrate();
        new SchemaMigrator(jdbc, dialect).migrate(schemas.of(environment));
    }
}
