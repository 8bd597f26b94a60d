package dev.powerpages.emulator.appnode.site;

import java.util.Comparator;
import java.util.Locale;

/**
 * SQL Server's order of {@code uniqueidentifier} values, in which Dataverse lists the rows of a query that names no
 * order (its tables are clustered on the primary key). SQL Server compares a GUID from its last group backwards:
 * the six bytes of the fifth group first, then the fourth, third, second and first groups — so
 * {@code …-82e6-6045bd0ea8e5} sorts before {@code …-9562-6045bd0ea8e5}. Values that are no GUIDs sort after GUIDs, by
 * their text.
 */
final class SqlGuidOrder implements Comparator<String> {

    static final SqlGuidOrder INSTANCE = new SqlGuidOrder();

    private SqlGuidOrder() {}

    @Override
    public int compare(String a, String b) {
        String[] left = groups(a);
        String[] right = groups(b);
        if (left == null || right == null) {
            if (left != null) {
                return -1;
            }
            if (right != null) {
                return 1;
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
        for (int group = 4; group >= 0; group--) {
            int order = left[group].compareTo(right[group]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static String[] groups(String guid) {
        if (guid == null) {
            return null;
        }
        String[] groups = guid.toLowerCase(Locale.ROOT).split("-");
        return groups.length == 5 ? groups : null;
    }
}
