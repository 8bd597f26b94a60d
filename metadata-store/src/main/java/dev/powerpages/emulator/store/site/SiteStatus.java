package dev.powerpages.emulator.store.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where the default environment's site stands: the demo site, or a folder's with the last import's report, how the
 * folder is watched, the last edit imported (and how long from its save to its commit), and the error that keeps
 * an edit out, if any (the last good site stays until the file is fixed).
 */
@Component
class SiteStatus {

    /** {@code GET /_services/site}. */
    @JsonPropertyOrder({"source", "directory", "watching", "error", "lastEdit", "report"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String source, String directory, String watching, Failure error, Edit lastEdit, ImportReport report) {}

    /** Why the folder's current state is not the site: the file and line at fault, when it was noticed. */
    @JsonPropertyOrder({"file", "line", "message", "since"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failure(String file, Integer line, String message, Instant since) {

        static Failure of(SiteFolderException e) {
            return new Failure(
                    e.source() == null ? null : e.source().file().toString(),
                    e.source() == null || e.source().line() <= 0
                            ? null
                            : e.source().line(),
                    e.getMessage(),
                    Instant.now());
        }
    }

    /** An edit of the folder that was imported. */
    @JsonPropertyOrder({
        "files",
        "savedAt",
        "committedAt",
        "savedToCommittedMillis",
        "readMillis",
        "importMillis",
        "changes"
    })
    record Edit(
            List<String> files,
            Instant savedAt,
            Instant committedAt,
            long savedToCommittedMillis,
            long readMillis,
            long importMillis,
            ImportReport.Changes changes) {}

    private volatile String directory;
    private volatile String watching;
    private volatile ImportReport report;
    private volatile Failure error;
    private volatile Edit lastEdit;

    void demo() {
        directory = null;
        report = null;
        error = null;
        lastEdit = null;
        watching = null;
    }

    void imported(String folder, ImportReport imported) {
        directory = folder;
        report = imported;
        error = null;
    }

    void edited(ImportReport imported, Edit edit) {
        report = imported;
        lastEdit = edit;
        error = null;
    }

    /** @return whether this failure is news (another message than the one already shown) */
    boolean failed(SiteFolderException e) {
        Failure previous = error;
        Failure failure = Failure.of(e);
        if (previous != null && previous.message().equals(failure.message())) {
            return false;
        }
        error = failure;
        return true;
    }

    boolean hasError() {
        return error != null;
    }

    void watching(String mode) {
        watching = mode;
    }

    View view() {
        return new View(directory == null ? "demo" : "folder", directory, watching, error, lastEdit, report);
    }
}
