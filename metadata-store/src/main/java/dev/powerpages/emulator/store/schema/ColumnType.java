package dev.powerpages.emulator.store.schema;

/**
 * Dataverse attribute types the store understands, each with the H2 type that stores it (PostgreSQL's
 * differ slightly: {@link dev.powerpages.emulator.store.data.SqlDialect}) and the OData (Edm) type it
 * is exposed as.
 */
public enum ColumnType {
    STRING("CHARACTER VARYING(4000)", "Edm.String"),
    /** Multiline text (Dataverse's limit is 1,048,576 characters; H2's column limit is 1,000,000). */
    MEMO("CHARACTER VARYING(1000000)", "Edm.String"),
    /** Text without a practical limit, such as annotation.documentbody (base64 file content); not filterable. */
    LONGMEMO("CHARACTER LARGE OBJECT", "Edm.String"),
    INTEGER("INTEGER", "Edm.Int32"),
    BIGINT("BIGINT", "Edm.Int64"),
    BOOLEAN("BOOLEAN", "Edm.Boolean"),
    DECIMAL("DECIMAL(23,10)", "Edm.Decimal"),
    /** Dataverse money columns keep four decimal places. */
    MONEY("DECIMAL(19,4)", "Edm.Decimal"),
    /** Choice (option set) values, including statecode and statuscode. */
    CHOICE("INTEGER", "Edm.Int32"),
    DATETIME("TIMESTAMP(3) WITH TIME ZONE", "Edm.DateTimeOffset"),
    UNIQUEIDENTIFIER("UUID", "Edm.Guid"),
    /** A reference to a row of another table, exposed as {@code _<name>_value}. */
    LOOKUP("UUID", "Edm.Guid");

    private final String sqlType;
    private final String edmType;

    ColumnType(String sqlType, String edmType) {
        this.sqlType = sqlType;
        this.edmType = edmType;
    }

    public String sqlType() {
        return sqlType;
    }

    public String edmType() {
        return edmType;
    }

    public boolean isText() {
        return this == STRING || this == MEMO || this == LONGMEMO;
    }

    /** Whether $filter and $orderby may use the column (large objects cannot be compared). */
    public boolean isComparable() {
        return this != LONGMEMO;
    }
}
