package dev.powerpages.emulator.store.schema;

/**
 * What differs between the databases the store runs on. Everything else the store writes (quoted
 * identifiers, {@code LIMIT}/{@code OFFSET}, {@code CREATE ... IF NOT EXISTS}, {@code UUID},
 * {@code TIMESTAMP(3) WITH TIME ZONE}, {@code BOOLEAN}) is common to H2 2.x and PostgreSQL 12+.
 *
 * <p>Text comparisons are case-insensitive on both, as in Dataverse, whose SQL Server databases use a
 * case-insensitive collation ({@code adx_name eq 'home'} finds "Home", {@code contains(name,'COFFEE')}
 * finds "Fourth Coffee"). H2 gets it from {@code IGNORECASE=TRUE} in its URL, PostgreSQL from the
 * ICU collation {@value #CASE_INSENSITIVE_COLLATION} that the Flyway migration creates.
 */
public enum SqlDialect {
    H2("h2") {
        @Override
        public String columnType(ColumnType type) {
            return type.sqlType();
        }

        @Override
        public String nextValue(String quotedSequence) {
            return "SELECT NEXT VALUE FOR " + quotedSequence;
        }

        @Override
        public String textMatch(String quotedColumn) {
            return quotedColumn + " LIKE ? ESCAPE '\\'";
        }
    },

    POSTGRESQL("postgresql") {
        @Override
        public String columnType(ColumnType type) {
            return switch (type) {
                // PostgreSQL has no CLOB; TEXT is unbounded and never compared (LONGMEMO is not filterable).
                case LONGMEMO, FILE -> "TEXT";
                case STRING, MEMO, MULTICHOICE -> type.sqlType() + " COLLATE \"" + CASE_INSENSITIVE_COLLATION + "\"";
                default -> type.sqlType();
            };
        }

        @Override
        public String nextValue(String quotedSequence) {
            return "SELECT nextval('" + quotedSequence + "')";
        }

        /**
         * PostgreSQL 15 cannot LIKE under a nondeterministic collation, so the match runs under the
         * deterministic ICU root collation with ILIKE, which lower-cases both sides as ICU does.
         */
        @Override
        public String textMatch(String quotedColumn) {
            return "(" + quotedColumn + " COLLATE \"" + MATCH_COLLATION + "\") ILIKE ? ESCAPE '\\'";
        }
    };

    /** ICU root locale at strength 2: "Home" = "home", "é" differs from "e" (as H2's IGNORECASE). */
    public static final String CASE_INSENSITIVE_COLLATION = "dataverse_ci";
    /** The deterministic ICU root collation, for ILIKE. */
    public static final String MATCH_COLLATION = "dataverse_match";

    private final String vendor;

    SqlDialect(String vendor) {
        this.vendor = vendor;
    }

    /** The dialect of a JDBC URL; the store runs on H2 and PostgreSQL only. */
    public static SqlDialect forUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "The store runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...), not on "
                        + (jdbcUrl == null ? "a data source without URL" : jdbcUrl.replaceAll("[?;].*", "")));
    }

    /** Flyway's and Spring Boot's name of the database, as in {@code db/migration/{vendor}}. */
    public String vendor() {
        return vendor;
    }

    /** The SQL type of a column of this type. */
    public abstract String columnType(ColumnType type);

    /** A query answering the next value of a sequence. */
    public abstract String nextValue(String quotedSequence);

    /**
     * A case-insensitive LIKE of a text column against one bind parameter, a pattern whose literal
     * {@code %}, {@code _} and {@code \} are escaped with a backslash.
     */
    public abstract String textMatch(String quotedColumn);
}
