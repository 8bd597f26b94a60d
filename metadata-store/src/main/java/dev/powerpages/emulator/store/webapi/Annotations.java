package dev.powerpages.emulator.store.webapi;

import java.util.ArrayList;
import java.util.List;

/**
 * The instance annotations a client asked for with {@code Prefer: odata.include-annotations="…"} (OData 4.01 Protocol,
 * 8.2.8.4; Dataverse: "Query data using the Web API", "Formatted values" and "Lookup property data"): {@code "*"} for
 * all, a namespace wildcard such as {@code "Microsoft.Dynamics.CRM.*"}, exact term names, a comma list of these, and
 * exclusions written with a leading {@code -} ({@code "-*"} asks for none), an exclusion winning over an inclusion.
 * Dataverse echoes the preference as it was asked in {@code Preference-Applied}, and so does the store.
 *
 * @param requested the preference's value as the client wrote it (without its quotes), or null when not asked
 */
record Annotations(String requested, List<String> include, List<String> exclude) {

    static final String FORMATTED_VALUE = "OData.Community.Display.V1.FormattedValue";
    static final String LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";
    static final String ASSOCIATED_NAVIGATION_PROPERTY = "Microsoft.Dynamics.CRM.associatednavigationproperty";
    static final String TOTAL_RECORD_COUNT = "Microsoft.Dynamics.CRM.totalrecordcount";
    static final String TOTAL_RECORD_COUNT_LIMIT_EXCEEDED = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

    /** No preference: the answer carries no annotation, exactly as before the store knew them. */
    static final Annotations NONE = new Annotations(null, List.of(), List.of());

    Annotations {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The value of {@code odata.include-annotations}, quoted or not; null or blank asks for nothing. */
    static Annotations parse(String value) {
        if (value == null) {
            return NONE;
        }
        String unquoted = value.strip();
        if (unquoted.length() >= 2 && unquoted.startsWith("\"") && unquoted.endsWith("\"")) {
            unquoted = unquoted.substring(1, unquoted.length() - 1);
        }
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String raw : unquoted.split(",")) {
            String term = raw.strip();
            if (term.startsWith("-")) {
                exclude.add(term.substring(1).strip());
            } else if (!term.isEmpty()) {
                include.add(term);
            }
        }
        return new Annotations(unquoted, include, exclude);
    }

    /** Whether the client asked for anything at all (an answer to it says so in {@code Preference-Applied}). */
    boolean requestedAny() {
        return requested != null;
    }

    /** Whether an annotation term (e.g. {@link #FORMATTED_VALUE}) goes into the answer. */
    boolean includes(String term) {
        return matchesAny(include, term) && !matchesAny(exclude, term);
    }

    /** Whether any of the row annotations the store writes is asked for: rows are written the old way otherwise. */
    boolean anyRowAnnotation() {
        return includes(FORMATTED_VALUE) || includes(LOOKUP_LOGICAL_NAME) || includes(ASSOCIATED_NAVIGATION_PROPERTY);
    }

    /** The {@code Preference-Applied} value: the preference as it was asked, quoted, as Dataverse echoes it. */
    String applied() {
        return "odata.include-annotations=\"" + requested + "\"";
    }

    private static boolean matchesAny(List<String> patterns, String term) {
        for (String pattern : patterns) {
            if (pattern.equals("*")
                    || pattern.equalsIgnoreCase(term)
                    || pattern.endsWith(".*") && term.regionMatches(true, 0, pattern, 0, pattern.length() - 1)) {
                return true;
            }
        }
        return false;
    }
}
