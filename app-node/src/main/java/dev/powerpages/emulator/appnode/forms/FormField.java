package dev.powerpages.emulator.appnode.forms;

/**
 * A field as a form shows it: the column, its Edm type, the label and whether it is required (from the form's
 * metadata, else the logical name: Dataverse's display names are not in {@code $metadata}), and its value as text.
 */
public record FormField(
        String column,
        String edmType,
        String label,
        boolean required,
        String requiredMessage,
        String description,
        String validationExpression,
        String validationExpressionMessage,
        String cssClass,
        String value) {

    boolean bool() {
        return "Edm.Boolean".equals(edmType);
    }

    boolean integer() {
        return "Edm.Int32".equals(edmType) || "Edm.Int64".equals(edmType) || "Edm.Int16".equals(edmType);
    }

    boolean decimal() {
        return "Edm.Decimal".equals(edmType) || "Edm.Double".equals(edmType);
    }

    boolean dateTime() {
        return "Edm.DateTimeOffset".equals(edmType) || "Edm.Date".equals(edmType);
    }

    /** The CSS kind Power Pages puts on the cell and the control ({@code text}, {@code integer}, …). */
    String kind() {
        if (bool()) {
            return "boolean-checkbox";
        }
        if (integer()) {
            return "integer";
        }
        if (decimal()) {
            return "decimal";
        }
        return dateTime() ? "datetime" : "text";
    }

    FormField withValue(String newValue) {
        return new FormField(
                column,
                edmType,
                label,
                required,
                requiredMessage,
                description,
                validationExpression,
                validationExpressionMessage,
                cssClass,
                newValue);
    }
}
