package dev.powerpages.emulator.sitefolder;

import java.util.List;
import java.util.Locale;

/** Finding rows in a read site, for assertions. */
final class Rows {

    private Rows() {}

    static SiteRecord row(SiteContent content, String table, String id) {
        return content.records().stream()
                .filter(row -> row.table().equals(table) && row.id().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + table + " " + id + " in " + content.root()));
    }

    static List<SiteRecord> rows(SiteContent content, String table) {
        return content.records().stream()
                .filter(row -> row.table().equals(table))
                .toList();
    }

    static SiteRecord named(SiteContent content, String table, String nameColumn, String name) {
        return content.records().stream()
                .filter(row ->
                        row.table().equals(table) && name.equals(row.columns().get(nameColumn)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + table + " named " + name));
    }

    /** The readable fixture ids: {@code id("5a", 11)} is 5a000000-0000-4000-8000-000000000011. */
    static String id(String prefix, int number) {
        return String.format(Locale.ROOT, "%s000000-0000-4000-8000-%012d", prefix, number);
    }
}
