package dev.powerpages.emulator.store.schema;

/**
 * Dataverse attribute types the store understands, each with the H2 type that stores it (PostgreSQL's
 * differ slightly: {@link dev.powerpages.emulator.store.schema.SqlDialect}) and the OData (Edm) type it
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
    LOOKUP("UUID", "Edm.Guid"),
    /**
     * Choices (multi-select option set), e.g. {@code adx_columnpermission.adx_permissions}: the Web API shows the
     * chosen values as one comma-separated string ("Choices columns" in Dataverse's column reference).
     */
    MULTICHOICE("CHARACTER VARYING(4000)", "Edm.String"),
    /**
     * A file column such as {@code powerpagecomponent.filecontent}: kept as base64 and, as in Dataverse, never part
     * of a row's JSON; read and written through {@code <set>(<id>)/<column>/$value} ("Use file column data").
     */
    FILE("CHARACTER LARGE OBJECT", "Edm.Binary");

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
        return this == STRING || this == MEMO || this == LONGMEMO || this == MULTICHOICE;
    }

    /** Whether $filter and $orderby may use the column (large objects cannot be compared). */
    public boolean isComparable() {
        return this != LONGMEMO && this != FILE;
    }

    /** Whether clients see the column as a property of the row (file columns are reached by their own URL). */
    public boolean isProperty() {
        return this != FILE;
    }
}
