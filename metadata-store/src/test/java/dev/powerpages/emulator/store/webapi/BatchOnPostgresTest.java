package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/** {@link BatchTest}'s behaviour with the store on PostgreSQL. */
@OnPostgres
class BatchOnPostgresTest extends BatchTest {}
