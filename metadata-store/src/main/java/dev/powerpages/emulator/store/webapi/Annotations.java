package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.support.odata.IncludeAnnotations;

/**
 * The instance annotations a client asked for with {@code Prefer: odata.include-annotations="…"} ({@link
 * IncludeAnnotations}, read as the app node reads it), and the terms the store writes.
 *
 * @param asked the preference as asked; {@link IncludeAnnotations#NONE} when not asked
 */
record Annotations(IncludeAnnotations asked) {

    static final String FORMATTED_VALUE = "OData.Community.Display.V1.FormattedValue";
    static final String LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";
    static final String ASSOCIATED_NAVIGATION_PROPERTY = "Microsoft.Dynamics.CRM.associatednavigationproperty";
    static final String TOTAL_RECORD_COUNT = "Microsoft.Dynamics.CRM.totalrecordcount";
    static final String TOTAL_RECORD_COUNT_LIMIT_EXCEEDED = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

    /** No preference: the answer carries no annotation, exactly as before the store knew them. */
    static final Annotations NONE = new Annotations(IncludeAnnotations.NONE);

    /** The value of {@code odata.include-annotations}, quoted or not; null or blank asks for nothing. */
    static Annotations parse(String value) {
        return new Annotations(IncludeAnnotations.parse(value));
    }

    /** Whether the client asked for anything at all (an answer to it says so in {@code Preference-Applied}). */
    boolean requestedAny() {
        return asked.requestedAny();
    }

    /** Whether an annotation term (e.g. {@link #FORMATTED_VALUE}) goes into the answer. */
    boolean includes(String term) {
        return asked.includes(term);
    }

    /** Whether any of the row annotations the store writes is asked for: rows are written the old way otherwise. */
    boolean anyRowAnnotation() {
        return includes(FORMATTED_VALUE) || includes(LOOKUP_LOGICAL_NAME) || includes(ASSOCIATED_NAVIGATION_PROPERTY);
    }

    /** The {@code Preference-Applied} value: the preference as it was asked, quoted, as Dataverse echoes it. */
    String applied() {
        return asked.header();
    }
}
