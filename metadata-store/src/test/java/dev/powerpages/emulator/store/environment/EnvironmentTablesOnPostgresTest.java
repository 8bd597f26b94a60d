package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/**
 * {@link EnvironmentTablesTest}'s behaviour with the store on PostgreSQL, where the custom table is
 * created in the second environment's schema ({@code env_fabrikam}) only.
 */
@OnPostgres
class EnvironmentTablesOnPostgresTest extends EnvironmentTablesTest {}
