package dev.powerpages.emulator.store.security;

import dev.powerpages.emulator.store.postgres.OnPostgres;

/**
 * {@link QueryOptionFuzzTest} with the store on PostgreSQL, whose errors differ from H2's (no NUL in
 * text, stricter types): bad input must still be a 4xx there, never a 500.
 */
@OnPostgres
class QueryOptionFuzzOnPostgresTest extends QueryOptionFuzzTest {}
