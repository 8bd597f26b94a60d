package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.store.StoreRow;

/**
 * One row of basic form metadata ({@code adx_entityformmetadata}) or multistep form metadata
 * ({@code adx_webformmetadata}): what the maker changed about a field, section or tab of the form.
 *
 * @param type      {@code adx_type}: 100000000 Attribute, 100000001 Section, 100000002 Tab, then Subgrid, Notes, …
 * @param attribute {@code adx_attributelogicalname} (Attribute rows)
 * @param onSaveType {@code adx_onsavetype}: {@link #ON_SAVE_VALUE}, {@link #ON_SAVE_TODAY},
 *        {@link #ON_SAVE_CURRENT_USER}; 0 where the row names none (read as Value)
 * @param onSaveFromAttribute {@code adx_onsavefromattribute}: the contact's column a Current Portal User save copies
 * @param prepopulateType {@code adx_prepopulatetype}, the same options for a new record's initial value
 */
public record FieldMetadata(
        int type,
        String attribute,
        String label,
        boolean required,
        String requiredMessage,
        String description,
        String validationExpression,
        String validationExpressionMessage,
        String cssClass,
        String sectionName,
        String tabName,
        boolean setValueOnSave,
        int onSaveType,
        String onSaveValue,
        String onSaveFromAttribute,
        int prepopulateType,
        String prepopulateValue,
        String prepopulateFromAttribute) {

    public static final int ATTRIBUTE = 100000000;
    public static final int SECTION = 100000001;
    public static final int TAB = 100000002;

    /**
     * adx_onsavetype's and adx_prepopulatetype's options (Basic Form Metadata and Multistep Form Metadata table
     * references: On Save Type, Prepopulate Type).
     */
    public static final int ON_SAVE_VALUE = 100000000;

    public static final int ON_SAVE_TODAY = 100000001;
    public static final int ON_SAVE_CURRENT_USER = 100000002;

    static FieldMetadata of(StoreRow row) {
        return new FieldMetadata(
                row.number("adx_type", ATTRIBUTE),
                row.text("adx_attributelogicalname"),
                Localized.text(row.text("adx_label")),
                row.flag("adx_fieldisrequired", false),
                Localized.text(row.text("adx_validationerrormessage")),
                Localized.text(row.text("adx_description")),
                row.text("adx_validationregularexpression"),
                Localized.text(row.text("adx_validationregularexpressionerrormessage")),
                row.text("adx_cssclass"),
                row.text("adx_sectionname"),
                row.text("adx_tabname"),
                row.flag("adx_setvalueonsave", false),
                row.number("adx_onsavetype", 0),
                row.text("adx_onsavevalue"),
                row.text("adx_onsavefromattribute"),
                row.number("adx_prepopulatetype", 0),
                row.text("adx_prepopulatevalue"),
                row.text("adx_prepopulatefromattribute"));
    }

    boolean isAttribute(String column) {
        return type == ATTRIBUTE && attribute != null && attribute.equalsIgnoreCase(column);
    }
}
