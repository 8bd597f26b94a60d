package dev.powerpages.emulator.sitefolder.yamlfolder;

import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One row per id. A folder that was downloaded more than once keeps the files of rows renamed in between: pac writes
 * a row deactivated in the studio ({@code statecode: 1}) under its new name ({@code Content-Page-1-deleted}) and
 * leaves the old files, so two files can carry the same id. Dataverse holds one row, so one is kept: the active one;
 * between rows equally active, the one pac's manifest (.portalconfig/*-manifest.yml) names as the last download, else
 * the first in path order. Each dropped copy gets a {@link ImportNote.Kind#DUPLICATE_ID} note; a repeated id is never
 * a reason to refuse a site.
 */
final class Duplicates {

    /** A row read from one place, with the rows that stand or fall with it (a web file's annotation). */
    record Group(SiteRecord main, List<SiteRecord> attached) {}

    private Duplicates() {}

    /**
     * @param groups       in reading order
     * @param nameOf       the row's name, compared with the manifest's display name
     * @param manifestName the name pac's manifest gives an id, or {@code null}
     */
    static List<SiteRecord> resolve(
            List<Group> groups,
            Function<SiteRecord, Object> nameOf,
            Function<String, String> manifestName,
            List<ImportNote> notes) {
        Map<String, List<Group>> byKey = new LinkedHashMap<>();
        for (Group group : groups) {
            byKey.computeIfAbsent(key(group.main()), key -> new ArrayList<>()).add(group);
        }
        List<SiteRecord> kept = new ArrayList<>();
        Set<String> attachedKeys = new HashSet<>();
        for (List<Group> copies : byKey.values()) {
            Group winner = copies.get(0);
            if (copies.size() > 1) {
                winner = copies.stream()
                        .min(Comparator.comparing((Group group) -> !isActive(group.main()))
                                .thenComparing(group -> !named(group.main(), nameOf, manifestName))
                                .thenComparingInt(copies::indexOf))
                        .orElseThrow();
                for (Group copy : copies) {
                    if (copy != winner) {
                        notes.add(new ImportNote(
                                ImportNote.Kind.DUPLICATE_ID,
                                copy.main().source(),
                                describe(copy.main()) + " repeats the id of "
                                        + winner.main().source() + "; that row was kept ("
                                        + why(winner, copy, nameOf, manifestName) + ")"));
                    }
                }
            }
            kept.add(winner.main());
            for (SiteRecord attached : winner.attached()) {
                if (attachedKeys.add(key(attached))) {
                    kept.add(attached);
                } else {
                    notes.add(new ImportNote(
                            ImportNote.Kind.DUPLICATE_ID,
                            attached.source(),
                            attached.table() + " " + attached.id() + " appears twice; the first was kept"));
                }
            }
        }
        return kept;
    }

    private static String key(SiteRecord row) {
        return row.table() + "\u0000" + row.id().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean isActive(SiteRecord row) {
        Object state = row.columns().get("statecode");
        return state == null || Objects.equals(state, 0L) || "0".equals(state.toString());
    }

    private static boolean named(
            SiteRecord row, Function<SiteRecord, Object> nameOf, Function<String, String> manifestName) {
        String expected = manifestName.apply(row.id());
        return expected != null && expected.equals(String.valueOf(nameOf.apply(row)));
    }

    private static String describe(SiteRecord row) {
        return (isActive(row) ? "this " : "this deactivated ") + row.table() + " row (" + row.id() + ")";
    }

    private static String why(
            Group winner, Group loser, Function<SiteRecord, Object> nameOf, Function<String, String> manifestName) {
        if (isActive(winner.main()) && !isActive(loser.main())) {
            return "the active one";
        }
        if (named(winner.main(), nameOf, manifestName) && !named(loser.main(), nameOf, manifestName)) {
            return "the name pac's manifest records";
        }
        return "the first in path order";
    }
}
