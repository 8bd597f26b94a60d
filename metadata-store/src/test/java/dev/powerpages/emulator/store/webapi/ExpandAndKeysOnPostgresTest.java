package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/** {@link ExpandAndKeysTest}'s behaviour with the store on PostgreSQL. */
@OnPostgres
class ExpandAndKeysOnPostgresTest extends ExpandAndKeysTest {}
