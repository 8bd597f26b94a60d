package dev.powerpages.emulator.store.environment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.powerpages.emulator.store.auth.ApplicationUsers;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.schema.SchemaMigrator;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.seed.DemoSeeder;

/**
 * Prepares every environment's database before the web server takes requests: schema migration
 * (the default environment's was migrated when the row store was created), the demo seed where the
 * environment asks for it, and the application users of the configured clients (as each Dataverse
 * environment has its own application users).
 */
@Component
class EnvironmentInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentInitializer.class);

    private final Environments environments;
    private final CurrentEnvironment current;
    private final JdbcTemplate jdbc;
    private final StoreSchema schema;
    private final RowStore rows;
    private final DemoSeeder seeder;
    private final ApplicationUsers users;

    EnvironmentInitializer(Environments environments, CurrentEnvironment current, JdbcTemplate jdbc, StoreSchema schema, RowStore rows,
            DemoSeeder seeder, ApplicationUsers users) {
        this.environments = environments;
        this.current = current;
        this.jdbc = jdbc;
        this.schema = schema;
        this.rows = rows;
        this.seeder = seeder;
        this.users = users;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (DataverseEnvironment environment : environments.all()) {
            current.callIn(environment, () -> {
                if (!environment.isDefault()) {
                    new SchemaMigrator(jdbc).migrate(schema);
                    rows.createTombstoneTable();
                }
                if (environment.seed()) {
                    seeder.seedIfEmpty();
                }
                users.createMissingUsers();
                return null;
            });
            log.info("Environment {} ready at {} ({}, regions {}{})", environment.name(), environment.url(), environment.geography(),
                    environment.regions(), environment.isDefault() ? ", default" : "");
        }
    }
}
