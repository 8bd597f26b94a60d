package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.tables.Table;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What basic and multistep forms share: the fields of a form over a table, the record an Edit or ReadOnly form
 * shows, Power Pages' validation of a post, and the write through the store.
 */
@Component
class FormEngine {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TableCatalog catalog;
    private final StoreClient store;
    private final BusinessDataCache businessData;

    private final Clock clock;

    @Autowired
    FormEngine(TableCatalog catalog, StoreClient store, BusinessDataCache businessData) {
        this(catalog, store, businessData, Clock.systemUTC());
    }

    FormEngine(TableCatalog catalog, StoreClient store, BusinessDataCache businessData, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.businessData = businessData;
        this.clock = clock;
    }

    Optional<Table> table(String logicalName) {
        return catalog.table(logicalName);
    }

    /**
     * The fields of a form: the table's columns a visitor may fill, in the store's order, labelled and made required
     * by the form's metadata ({@code adx_forceallfieldsrequired} makes every field required), with the values given.
     */
    List<FormField> fields(FormSettings settings, Table table, Map<String, String> values) {
        List<FormField> fields = new ArrayList<>();
        for (Table.Column column : table.editableColumns()) {
            FieldMetadata metadata = settings.field(column.name());
            String label = metadata != null && metadata.label() != null ? metadata.label() : column.name();
            boolean required = settings.forceAllFieldsRequired() || metadata != null && metadata.required();
            fields.add(new FormField(
                    column.name(),
                    column.edmType(),
                    label,
                    required,
                    metadata == null ? null : metadata.requiredMessage(),
                    metadata == null ? null : metadata.description(),
                    metadata == null ? null : metadata.validationExpression(),
                    metadata == null ? null : metadata.validationExpressionMessage(),
                    metadata == null ? null : metadata.cssClass(),
                    values.get(column.name())));
        }
        return fields;
    }

    /**
     * A new record's initial values: the metadata's "Prepopulate field" (Configure basic form metadata / multistep form
     * metadata: Prepopulate Type Value gives {@code adx_prepopulatevalue}, Today's Date the current date, Current Portal
     * User the signed-in contact's {@code adx_prepopulatefromattribute}); the visitor may change them.
     */
    Map<String, String> initialValues(FormSettings settings, SiteUser user) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldMetadata row : settings.metadata()) {
            if (row.type() != FieldMetadata.ATTRIBUTE || row.attribute() == null) {
                continue;
            }
            String value = switch (row.prepopulateType()) {
                case FieldMetadata.ON_SAVE_TODAY ->
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
                case FieldMetadata.ON_SAVE_CURRENT_USER ->
                    user == null
                            ? null
                            : contactValue(
                                    user,
                                    row.prepopulateFromAttribute() == null
                                            ? "contactid"
                                            : row.prepopulateFromAttribute().toLowerCase(Locale.ROOT));
                default -> row.prepopulateValue();
            };
            if (value != null) {
                values.put(row.attribute(), value);
            }
        }
        return values;
    }

    /**
     * Which record an Edit or ReadOnly form is about: the query string parameter the form names
     * ({@code adx_recordidquerystringparametername}, default {@code id}) for the Query String source, the signed-in
     * contact for Current Portal User on {@code contact}; {@code null} when there is none.
     */
    String recordId(FormSettings settings, SiteUser user, String query) {
        if (settings.sourceType() == FormSettings.SOURCE_CURRENT_USER) {
            return user != null && "contact".equals(settings.table()) ? user.contactId() : null;
        }
        if (settings.sourceType() == FormSettings.SOURCE_ASSOCIATED_TO_USER) {
            return null;
        }
        String id = queryParameter(query, settings.recordIdParameter());
        return id != null && GUID.matcher(id).matches() ? id.toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** A record's values as text, by column; empty when the store has no such row. */
    Optional<Map<String, String>> record(Table table, String id) {
        String select = String.join(
                ",", table.editableColumns().stream().map(Table.Column::name).toList());
        JsonNode row;
        try {
            row = store.query(
                    table.entitySet() + "(" + id + ")",
                    select.isEmpty() ? null : "$select=" + UriUtils.encodeQueryParam(select, StandardCharsets.UTF_8));
        } catch (HttpClientErrorException.NotFound ex) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Table.Column column : table.editableColumns()) {
            JsonNode value = row == null ? null : row.get(column.name());
            values.put(column.name(), value == null || value.isNull() ? "" : value.asString());
        }
        return Optional.of(values);
    }

    /** The posted values of the form's fields; an unchecked checkbox is posted as nothing and read as false. */
    static Map<String, String> posted(List<FormField> fields, Map<String, String[]> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FormField field : fields) {
            String[] sent = parameters.get(field.column());
            String value = sent == null || sent.length == 0 ? null : sent[0];
            values.put(
                    field.column(),
                    field.bool()
                            ? String.valueOf("true".equalsIgnoreCase(value) || "on".equalsIgnoreCase(value))
                            : value == null ? "" : value.strip());
        }
        return values;
    }

    /**
     * Power Pages' server-side validation: required fields ({@code "<label> is a required field."}, or the metadata's
     * message), the metadata's regular expression, and the column type's format. The format messages are the
     * emulator's wording (Power Pages' validators check the same things client-side too).
     */
    static List<FormOutcome.Message> validate(List<FormField> fields) {
        List<FormOutcome.Message> errors = new ArrayList<>();
        for (FormField field : fields) {
            String value = field.value() == null ? "" : field.value();
            if (field.bool()) {
                continue;
            }
            if (value.isBlank()) {
                if (field.required()) {
                    errors.add(new FormOutcome.Message(field.column(), FormMarkup.requiredMessage(field)));
                }
                continue;
            }
            String format = formatProblem(field, value);
            if (format != null) {
                errors.add(new FormOutcome.Message(field.column(), format));
                continue;
            }
            if (field.validationExpression() != null
                    && !field.validationExpression().isBlank()) {
                boolean matches;
                try {
                    matches = Pattern.compile(field.validationExpression())
                            .matcher(value)
                            .matches();
                } catch (PatternSyntaxException ex) {
                    matches =
                            true; // a broken expression in the metadata refuses nothing, as a browser's validator would
                    // fail open
                }
                if (!matches) {
                    errors.add(new FormOutcome.Message(
                            field.column(),
                            field.validationExpressionMessage() != null
                                    ? field.validationExpressionMessage()
                                    : field.label() + " is invalid."));
                }
            }
        }
        return errors;
    }

    private static String formatProblem(FormField field, String value) {
        if (field.integer()) {
            try {
                long number = Long.parseLong(value);
                if ("Edm.Int32".equals(field.edmType()) && (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE)) {
                    return field.label() + " must be a whole number between " + Integer.MIN_VALUE + " and "
                            + Integer.MAX_VALUE + ".";
                }
                return null;
            } catch (NumberFormatException ex) {
                return field.label() + " must be a whole number.";
            }
        }
        if (field.decimal()) {
            try {
                new BigDecimal(value);
                return null;
            } catch (NumberFormatException ex) {
                return field.label() + " must be a valid decimal number.";
            }
        }
        if (field.dateTime() && dateTime(value) == null) {
            return field.label() + " must be a valid date (yyyy-mm-dd).";
        }
        return null;
    }

    /**
     * The row to write: each field's value in its column's JSON type; on an update, a cleared field is written as
     * {@code null}, on a create it is left out. The metadata's "set value on save" values are added
     * ({@link #setOnSave}).
     */
    ObjectNode payload(FormSettings settings, List<FormField> fields, boolean create, Table table, SiteUser user) {
        ObjectNode row = JSON.createObjectNode();
        for (FormField field : fields) {
            String value = field.value() == null ? "" : field.value();
            if (field.bool()) {
                row.put(field.column(), Boolean.parseBoolean(value));
            } else if (value.isBlank()) {
                if (!create) {
                    row.putNull(field.column());
                }
            } else if (field.integer()) {
                row.put(field.column(), Long.parseLong(value));
            } else if (field.decimal()) {
                row.put(field.column(), new BigDecimal(value));
            } else if (field.dateTime()) {
                row.put(
                        field.column(),
                        dateTime(value).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            } else {
                row.put(field.column(), value);
            }
        }
        for (FieldMetadata metadata : settings.metadata()) {
            if (metadata.type() == FieldMetadata.ATTRIBUTE
                    && metadata.setValueOnSave()
                    && metadata.attribute() != null) {
                setOnSave(row, metadata, table, user);
            }
        }
        return row;
    }

    /**
     * The metadata's "Set Value On Save" (Configure basic form metadata / multistep form metadata, "Set value on
     * save": a value assigned to the attribute when the form is saved, whatever the visitor posted): On Save Type Value
     * writes {@code adx_onsavevalue} in the column's type (a GUID into a lookup binds the row), Today's Date the current
     * date and time, Current Portal User the signed-in contact's {@code adx_onsavefromattribute} (a lookup to contact
     * gets the contact itself). Nothing is set where there is nothing to set: no value, an anonymous visitor.
     */
    private void setOnSave(ObjectNode row, FieldMetadata metadata, Table table, SiteUser user) {
        String column = metadata.attribute();
        Optional<Table.Column> type = table.column(column);
        switch (metadata.onSaveType()) {
            case FieldMetadata.ON_SAVE_TODAY ->
                row.put(column, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            case FieldMetadata.ON_SAVE_CURRENT_USER -> {
                if (user == null) {
                    return;
                }
                String from = metadata.onSaveFromAttribute() == null
                        ? "contactid"
                        : metadata.onSaveFromAttribute().toLowerCase(Locale.ROOT);
                if (table.lookups().contains(column.toLowerCase(Locale.ROOT))) {
                    if (from.equals("contactid")) {
                        bind(row, table, column, "contact", user.contactId());
                    }
                    return;
                }
                String value = contactValue(user, from);
                if (value != null) {
                    putTyped(row, column, type, value);
                }
            }
            default -> {
                String value = metadata.onSaveValue();
                if (value == null) {
                    return;
                }
                if (table.lookups().contains(column.toLowerCase(Locale.ROOT))
                        && GUID.matcher(value).matches()) {
                    navigation(table, column, null)
                            .ifPresent(
                                    nav -> row.put(
                                            nav + "@odata.bind",
                                            "/"
                                                    + catalog.entitySet(table.navigationTargets()
                                                            .get(nav)) + "(" + value.toLowerCase(Locale.ROOT) + ")"));
                    return;
                }
                putTyped(row, column, type, value);
            }
        }
    }

    /** A column of the signed-in contact: the ones a session carries, else the contact's row if the session has it. */
    private static String contactValue(SiteUser user, String column) {
        return switch (column) {
            case "contactid" -> user.contactId();
            case "fullname" -> user.fullName();
            case "firstname" -> user.firstName();
            case "lastname" -> user.lastName();
            case "emailaddress1" -> user.email();
            case "adx_identity_username" -> user.username();
            default -> user.contact() == null ? null : user.contact().text(column);
        };
    }

    private void bind(ObjectNode row, Table table, String column, String target, String id) {
        navigation(table, column, target)
                .ifPresent(nav -> row.put(nav + "@odata.bind", "/" + catalog.entitySet(target) + "(" + id + ")"));
    }

    /**
     * A lookup's single-valued navigation property (to {@code target}, if not null): Dataverse names it as the lookup
     * ({@code primarycontactid}), or for a lookup of several targets after the lookup and the target
     * ({@code parentcustomerid_contact}).
     */
    private static Optional<String> navigation(Table table, String column, String target) {
        String lookup = column.toLowerCase(Locale.ROOT);
        return table.navigationTargets().keySet().stream()
                .filter(nav -> nav.equalsIgnoreCase(lookup)
                        || nav.toLowerCase(Locale.ROOT).startsWith(lookup + "_"))
                .filter(nav -> target == null
                        || target.equals(table.navigationTargets().get(nav)))
                .sorted((a, b) -> Integer.compare(a.length(), b.length()))
                .findFirst();
    }

    /** A text as the column's JSON type (a choice is Edm.Int32); a value that is not of the type is written as text. */
    private static void putTyped(ObjectNode row, String column, Optional<Table.Column> type, String value) {
        String edm = type.map(Table.Column::edmType).orElse("Edm.String");
        try {
            switch (edm) {
                case "Edm.Int32", "Edm.Int64", "Edm.Int16" -> row.put(column, Long.parseLong(value.strip()));
                case "Edm.Decimal", "Edm.Double", "Edm.Single" -> row.put(column, new BigDecimal(value.strip()));
                case "Edm.Boolean" ->
                    row.put(column, "true".equalsIgnoreCase(value.strip()) || "1".equals(value.strip()));
                default -> row.put(column, value);
            }
        } catch (NumberFormatException ex) {
            row.put(column, value);
        }
    }

    /**
     * Creates or updates the record; answers its id. Lists, {@code fetchxml} and {@code /_api} reads cached before the
     * write are dropped, so the visitor sees the row at once.
     */
    String save(Table table, String recordId, ObjectNode row) {
        if (recordId != null) {
            store.update(table.entitySet() + "(" + recordId + ")", row, true);
            businessData.clearTable(table.entitySet());
            return recordId;
        }
        String entityId = store.create(table.entitySet(), row).orElse("");
        businessData.clearTable(table.entitySet());
        java.util.regex.Matcher id = GUID.matcher(entityId);
        return id.find() ? id.group().toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static OffsetDateTime dateTime(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    static String queryParameter(String query, String name) {
        if (query == null || query.isEmpty() || name == null) {
            return null;
        }
        String value = UriComponentsBuilder.newInstance()
                .query(query)
                .build()
                .getQueryParams()
                .getFirst(name);
        return value == null ? null : UriUtils.decode(value.replace('+', ' '), StandardCharsets.UTF_8);
    }
}
