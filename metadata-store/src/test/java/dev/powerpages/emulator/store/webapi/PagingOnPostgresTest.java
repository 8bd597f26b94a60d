package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/** {@link PagingTest}'s behaviour with the store on PostgreSQL. */
@OnPostgres
class PagingOnPostgresTest extends PagingTest {}
