package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/**
 * {@link EnvironmentsTest}'s behaviour with the store on PostgreSQL, where the second environment
 * lives in a schema of its own of the same database.
 */
@OnPostgres
class EnvironmentsOnPostgresTest extends EnvironmentsTest {}
