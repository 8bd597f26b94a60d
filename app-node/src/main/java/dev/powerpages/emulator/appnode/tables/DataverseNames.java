package dev.powerpages.emulator.appnode.tables;

import java.util.Locale;

/**
 * Dataverse's naming conventions, for when the store's metadata does not say: a table's default entity set is its
 * logical name pluralised ({@code account} → {@code accounts}, {@code opportunity} → {@code opportunities},
 * {@code adx_webrole_contact} → … {@code set} for intersect tables aside), and a lookup column is answered by the Web
 * API as {@code _<column>_value}.
 */
public final class DataverseNames {

    private DataverseNames() {}

    /** {@code accounts} → {@code account}; the inverse of {@link #entitySet}. */
    public static String logicalName(String entitySet) {
        String set = entitySet.toLowerCase(Locale.ROOT);
        if (set.endsWith("ies")) {
            return set.substring(0, set.length() - 3) + "y";
        }
        if (set.endsWith("sses") || set.endsWith("xes") || set.endsWith("ches") || set.endsWith("shes")) {
            return set.substring(0, set.length() - 2);
        }
        return set.endsWith("s") ? set.substring(0, set.length() - 1) : set;
    }

    /** {@code account} → {@code accounts}, {@code opportunity} → {@code opportunities}, {@code adx_sitesetting} → {@code adx_sitesettings}. */
    public static String entitySet(String logicalName) {
        String name = logicalName.toLowerCase(Locale.ROOT);
        if (name.endsWith("y") && !name.endsWith("ey") && !name.endsWith("ay") && !name.endsWith("oy")) {
            return name.substring(0, name.length() - 1) + "ies";
        }
        if (name.endsWith("s") || name.endsWith("x") || name.endsWith("ch") || name.endsWith("sh")) {
            return name + "es";
        }
        return name + "s";
    }

    /**
     * Without metadata: a column other than the primary key whose name ends in {@code id} is taken to be a lookup
     * ({@code parentcustomerid}, {@code adx_websiteid}), which is how Dataverse names nearly all of them.
     */
    public static boolean looksLikeLookup(String logicalName, String column) {
        String name = column.toLowerCase(Locale.ROOT);
        return name.endsWith("id") && !name.equals(logicalName.toLowerCase(Locale.ROOT) + "id");
    }
}
