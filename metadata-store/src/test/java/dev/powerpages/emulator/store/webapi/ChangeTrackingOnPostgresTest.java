package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/** {@link ChangeTrackingTest}'s behaviour with the store on PostgreSQL. */
@OnPostgres
class ChangeTrackingOnPostgresTest extends ChangeTrackingTest {}
