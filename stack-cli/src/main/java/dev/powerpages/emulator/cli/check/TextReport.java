package dev.powerpages.emulator.cli.check;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * check-site's report for a person: what was imported, pages and web files served out of listed, each failure with
 * its reason, what the templates use that is not emulated, the import's notes by kind, and a last line that says
 * whether the site passed.
 */
public final class TextReport {

    /** Failures listed one by one before the rest are only counted (--json lists all). */
    static final int MAX_LISTED = 40;

    private TextReport() {}

    public static void print(CheckReport report, PrintStream out) {
        out.println("check-site " + (report.directory() == null ? "(the demo site)" : report.directory()));
        if (report.layout() != null) {
            out.printf(
                    "  imported   %s layout, %s data model: %d rows in %d tables%n",
                    report.layout(), lower(report.dataModel()), report.rows(), report.tables());
        }
        out.printf(
                "  website    %s%s, fetched through %s%n",
                report.website() == null ? "(unnamed)" : report.website(),
                report.languages().isEmpty() ? "" : " (" + String.join(", ", report.languages()) + ")",
                report.gateway());
        if (report.folderError() != null) {
            out.println();
            out.println("  ! The folder's current state is not imported; the last good site is checked:");
            out.println("    "
                    + (report.folderError().where().isEmpty()
                            ? ""
                            : report.folderError().where() + ": ")
                    + report.folderError().message());
        }

        CheckReport.Counts pages = report.pages();
        out.println();
        out.printf("Pages        %d of %d served%s%n", pages.ok(), pages.total(), percent(pages.ok(), pages.total()));
        row(out, "200", pages.served());
        row(out, "sign-in redirect or 403, as their access rules say", pages.accessRule());
        row(out, "failed", pages.failed());
        failures(
                out,
                report.results().stream()
                        .filter(r -> r.kind().equals("page") && !r.outcome().ok())
                        .toList());

        CheckReport.Counts files = report.webFiles();
        out.println();
        out.printf(
                "Web files    %d of %d served with their content type%s%n",
                files.ok(), files.total(), percent(files.ok(), files.total()));
        if (files.accessRule() > 0) {
            row(out, "sign-in redirect or 403, as their parent page's rules say", files.accessRule());
        }
        row(out, "missing (404)", files.missing());
        row(out, "wrong content type", files.wrongType());
        if (files.failed() > 0) {
            row(out, "failed", files.failed());
        }
        failures(
                out,
                report.results().stream()
                        .filter(r -> r.kind().equals("webFile") && !r.outcome().ok())
                        .toList());

        out.println();
        if (report.notEmulated().isEmpty()) {
            out.println("Not emulated none: the emulator does everything these pages use");
        } else {
            // As wide as the longest name ("fetchxml on table wi_productobasefabricante (not in the store)"), so the
            // counts line up.
            int width = Math.max(
                    46,
                    report.notEmulated().keySet().stream()
                            .mapToInt(String::length)
                            .max()
                            .orElse(0));
            out.printf(
                    "%-" + (width + 2) + "s %5s %6s%n", "Not emulated (the pages render without it)", "pages", "uses");
            report.notEmulated()
                    .forEach((feature, use) -> out.printf(
                            "  %-" + width + "s %5d %6d%n",
                            feature,
                            use.pages(),
                            Math.max(use.uses(), use.nodeUses())));
        }

        out.println();
        int notes = report.importNotes().values().stream()
                .mapToInt(CheckReport.NoteSummary::count)
                .sum();
        if (notes == 0) {
            out.println("Import notes none");
        } else {
            out.println("Import notes " + notes + " (never fatal; GET /_services/site on the store lists them all)");
            report.importNotes().forEach((kind, summary) -> {
                out.printf(
                        "  %-14s %4d  %s%n",
                        kind, summary.count(), summary.examples().get(0));
                summary.examples().stream()
                        .skip(1)
                        .forEach(example -> out.printf("  %-14s %4s  %s%n", "", "", example));
            });
        }
        if (!report.columnsNotInSchema().isEmpty()) {
            out.println("  columns the store's schema lacks (kept beside the rows, exported again): "
                    + inline(report.columnsNotInSchema()));
        }
        if (!report.tablesNotInSchema().isEmpty()) {
            out.println(
                    "  tables the store's schema lacks (kept, exported again): " + inline(report.tablesNotInSchema()));
        }

        out.println();
        String took = String.format(Locale.ROOT, "%.1f s", report.millis() / 1000.0);
        if (report.passed()) {
            out.printf(
                    "PASSED: %d pages and %d web files, each served or answered as its access rules say (%s)%n",
                    pages.total(), files.total(), took);
        } else {
            out.printf(
                    "FAILED: %d of %d pages and %d of %d web files (%s)%n",
                    pages.total() - pages.ok(), pages.total(), files.total() - files.ok(), files.total(), took);
        }
    }

    private static void failures(PrintStream out, List<CheckResult> failed) {
        failed.stream()
                .limit(MAX_LISTED)
                .forEach(result -> out.printf(
                        "    %s  %s%s%n",
                        result.url(),
                        result.why(),
                        result.redirectedTo() == null ? "" : " (after a redirect to " + result.redirectedTo() + ")"));
        if (failed.size() > MAX_LISTED) {
            out.printf("    … and %d more (--json lists every one)%n", failed.size() - MAX_LISTED);
        }
    }

    private static void row(PrintStream out, String label, int count) {
        out.printf("  %-52s %5d%n", label, count);
    }

    private static String percent(int part, int total) {
        return total == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100.0 * part / total);
    }

    private static String lower(String text) {
        return text == null ? "unknown" : text.toLowerCase(Locale.ROOT);
    }

    private static String inline(Map<String, Integer> counts) {
        StringBuilder line = new StringBuilder();
        counts.forEach((name, count) -> line.append(line.isEmpty() ? "" : ", ")
                .append(name)
                .append(" (")
                .append(count)
                .append(')'));
        return line.toString();
    }
}
