package dev.powerpages.emulator.appnode.forms;

import java.util.List;

/**
 * What a basic form (or one step of a multistep form) says about itself: the table, the mode, where its record
 * comes from, its fields' metadata, and what happens on success. The option values are Dataverse's, as the
 * {@code adx_entityform} reference lists them.
 *
 * @param mode            100000000 Insert, 100000001 Edit, 100000002 ReadOnly
 * @param sourceType      where an Edit/ReadOnly form's record comes from: 756150001 Query String, 756150002 Current
 *                        Portal User, 756150003 Record Associated to Current Portal User (not emulated); a multistep
 *                        form step's sources are mapped onto these, plus {@link #SOURCE_PREVIOUS_STEP}
 * @param onSuccess       756150000 Display Success Message, 756150001 Redirect
 */
public record FormSettings(
        String id,
        String name,
        String table,
        int mode,
        int sourceType,
        String recordIdParameter,
        boolean permissionsEnabled,
        boolean forceAllFieldsRequired,
        int onSuccess,
        String successMessage,
        boolean hideFormOnSuccess,
        String redirectUrl,
        String redirectPageId,
        boolean appendIdToRedirect,
        String submitButtonText,
        String validationSummaryHeader,
        String instructions,
        String recordNotFoundMessage,
        List<FieldMetadata> metadata) {

    public static final int INSERT = 100000000;
    public static final int EDIT = 100000001;
    public static final int READ_ONLY = 100000002;
    public static final int SOURCE_QUERY_STRING = 756150001;
    public static final int SOURCE_CURRENT_USER = 756150002;
    public static final int SOURCE_ASSOCIATED_TO_USER = 756150003;
    /** A multistep form step's "Result From Previous Step" (the emulator's own value: basic forms have no such source). */
    public static final int SOURCE_PREVIOUS_STEP = -1;

    public static final int ON_SUCCESS_MESSAGE = 756150000;
    public static final int ON_SUCCESS_REDIRECT = 756150001;

    /** The metadata of a field, if the maker wrote any. */
    FieldMetadata field(String column) {
        return metadata.stream()
                .filter(row -> row.isAttribute(column))
                .findFirst()
                .orElse(null);
    }
}
