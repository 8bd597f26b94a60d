package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.schema.SchemaMigrator;
import dev.powerpages.emulator.store.schema.SqlDialect;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Prepares every environment's database before the web server takes requests: its system tables
 * ({@link SystemTables}) and the schema's tables (the default environment's were migrated when the
 * {@code systemTables} bean and the row store were created), then its {@link EnvironmentPreparation}s: the demo
 * seed where the environment asks for it, and the application users of the configured clients (as each
 * Dataverse environment has its own application users).
 */
@Component
class EnvironmentInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentInitializer.class);

    private final Environments environments;
    private final CurrentEnvironment current;
    private final EnvironmentRoutingDataSource databases;
    private final SystemTables systemTables;
    private final SqlDialect dialect;
    private final JdbcTemplate jdbc;
    private final EnvironmentSchemas schemas;
    private final List<EnvironmentPreparation> preparations;

    EnvironmentInitializer(
            Environments environments,
            CurrentEnvironment current,
            EnvironmentRoutingDataSource databases,
            SystemTables systemTables,
            SqlDialect dialect,
            JdbcTemplate jdbc,
            EnvironmentSchemas schemas,
            List<EnvironmentPreparation> preparations) {
        this.environments = environments;
        this.current = current;
        this.databases = databases;
        this.systemTables = systemTables;
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
     * The same system tables as the default environment's, with the same {@code spring.flyway.*} settings, on
     * its own database (its own schema on PostgreSQL); then its tables, its own extra tables included.
     */
    private void migrate(DataverseEnvironment environment) {
        systemTables.migrate(
                databases.databaseOf(environment.name()),
                dialect == SqlDialect.POSTGRESQL ? EnvironmentDatabases.postgresSchema(environment.name()) : null);
        new SchemaMigrator(jdbc, dialect).migrate(schemas.of(environment));
    }
}
