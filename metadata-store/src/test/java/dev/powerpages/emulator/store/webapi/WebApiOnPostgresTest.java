package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/** {@link WebApiTest}'s behaviour with the store on PostgreSQL. */
@OnPostgres
class WebApiOnPostgresTest extends WebApiTest {}
