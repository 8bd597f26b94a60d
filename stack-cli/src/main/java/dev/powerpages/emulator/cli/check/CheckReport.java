package dev.powerpages.emulator.cli.check;

import dev.powerpages.emulator.cli.site.StoreSite;
import java.util.List;
import java.util.Map;

/**
 * What check-site found, as {@code --json} writes it and {@link TextReport} prints it.
 *
 * @param directory   the site folder the store serves
 * @param layout      the folder's layout, data model, rows and tables as the store imported them
 * @param website     the website's name, as the app node has it
 * @param languages   the published languages
 * @param gateway     the URL every page and file was fetched through
 * @param pages       the pages' counts
 * @param webFiles    the web files' counts
 * @param results     every URL fetched, pages first, in the order the app node lists them
 * @param notEmulated per feature the templates use that the emulator does not: pages naming it, uses in those
 *                    pages, and the uses the app nodes counted since they started
 * @param importNotes the import's notes by kind: how many, and the first few
 * @param folderError the error that keeps the folder's current state out of the store (the last good site is checked)
 * @param passed      whether every page and web file was served (or answered as its access rules call for)
 * @param millis      how long the check took
 */
public record CheckReport(
        String directory,
        String layout,
        String dataModel,
        int rows,
        int tables,
        String website,
        List<String> languages,
        String gateway,
        Counts pages,
        Counts webFiles,
        List<CheckResult> results,
        Map<String, FeatureUse> notEmulated,
        Map<String, NoteSummary> importNotes,
        Map<String, Integer> columnsNotInSchema,
        Map<String, Integer> tablesNotInSchema,
        StoreSite.Failure folderError,
        boolean passed,
        long millis) {

    /** @param total listed; served 200; accessRule the sign-in redirect or 403 their rules call for; failed the rest */
    public record Counts(int total, int served, int accessRule, int missing, int wrongType, int failed) {

        public int ok() {
            return served + accessRule;
        }

        static Counts of(List<CheckResult> results) {
            int[] counts = new int[Outcome.values().length];
            results.forEach(result -> counts[result.outcome().ordinal()]++);
            return new Counts(
                    results.size(),
                    counts[Outcome.SERVED.ordinal()],
                    counts[Outcome.ACCESS_RULE.ordinal()],
                    counts[Outcome.MISSING.ordinal()],
                    counts[Outcome.WRONG_TYPE.ordinal()],
                    counts[Outcome.FAILED.ordinal()]);
        }
    }

    /** @param pages pages whose HTML names it; uses in them; nodeUses counted by the app nodes ({@code /_services/about}) */
    public record FeatureUse(int pages, int uses, long nodeUses) {}

    /** @param count notes of the kind; examples the first few, "source: message" */
    public record NoteSummary(int count, List<String> examples) {}
}
