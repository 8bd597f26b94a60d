package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.store.environment.CurrentEnvironment;
import dev.powerpages.emulator.store.environment.Environments;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Puts the site folder ({@code store.site.directory}) into the default environment before the store takes requests
 * (a lifecycle phase before the web server's, after every environment is migrated and seeded), then follows its
 * edits. A malformed file stops the start with the file and line as the log's first ERROR line (which is what
 * {@code ./stack} shows); a malformed edit keeps the last good site and is shown at {@code GET /_services/site} until
 * the file is fixed. Without a folder the demo site is served; a store that held a folder's site gets the demo site
 * back.
 */
@Component
class SiteFolderImport implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SiteFolderImport.class);

    private final SiteImportProperties properties;
    private final SiteFolders folders;
    private final SiteImporter importer;
    private final SiteBook book;
    private final SiteStatus status;
    private final CurrentEnvironment current;
    private final Environments environments;
    private volatile FolderWatcher watcher;
    private volatile boolean running;

    SiteFolderImport(
            SiteImportProperties properties,
            SiteFolders folders,
            SiteImporter importer,
            SiteBook book,
            SiteStatus status,
            CurrentEnvironment current,
            Environments environments) {
        this.properties = properties;
        this.folders = folders;
        this.importer = importer;
        this.book = book;
        this.status = status;
        this.current = current;
        this.environments = environments;
    }

    @Override
    public void start() {
        Path folder = properties.folder();
        inDefaultEnvironment(() -> {
            if (folder == null) {
                if (book.imported().isPresent()) {
                    importer.restoreDemoSite();
                    log.info(
                            "No site folder (store.site.directory): the demo site is back in place of the imported one");
                }
                status.demo();
                return;
            }
            SiteContent content;
            ImportReport report;
            try {
                content = folders.read(folder);
                report = importer.importSite(content, folder.toString(), SiteImporter.Mode.STARTUP);
            } catch (SiteFolderException e) {
                log.error("Cannot import the site folder {}: {}", folder, e.getMessage());
                throw new SiteImportException(folder, e);
            }
            status.imported(folder.toString(), report);
            log.info(
                    "Imported the site folder {}: {} (GET /_services/site lists the details)",
                    folder,
                    report.summary());
        });
        if (folder != null && properties.watch()) {
            watcher = new FolderWatcher(folder, properties.pollInterval(), properties.debounce(), true, this::edited);
            watcher.start();
            status.watching(watcher.mode());
            log.info("Watching {} for edits ({})", folder, watcher.mode());
        }
        running = true;
    }

    /** An edit of the folder: imported as a diff, or kept out (with its error) while a file is malformed. */
    void edited(FolderWatcher.Change change) {
        Path folder = properties.folder();
        inDefaultEnvironment(() -> {
            try {
                long reading = System.nanoTime();
                SiteContent content = folders.read(folder);
                long readMillis = (System.nanoTime() - reading) / 1_000_000;
                ImportReport report = importer.importSite(content, folder.toString(), SiteImporter.Mode.EDIT);
                Instant committed = Instant.now();
                boolean hadError = status.hasError();
                long savedToCommitted =
                        Math.max(0, committed.toEpochMilli() - change.savedAt().toEpochMilli());
                status.edited(
                        report,
                        new SiteStatus.Edit(
                                List.copyOf(change.files()),
                                change.savedAt(),
                                committed,
                                savedToCommitted,
                                readMillis,
                                report.millis(),
                                report.changes()));
                if (hadError) {
                    log.info("The site folder imports again after the fix of {}", change.files());
                }
                if (report.changes().any()) {
                    ImportReport.Changes changes = report.changes();
                    log.info(
                            "Imported an edit of {}: {} created, {} updated, {} deleted; {} ms from save to commit",
                            change.files(),
                            changes.created(),
                            changes.updated(),
                            changes.deleted(),
                            savedToCommitted);
                }
            } catch (SiteFolderException e) {
                if (status.failed(e)) {
                    log.error(
                            "An edit of the site folder cannot be imported, the last good site stays: {}",
                            e.getMessage());
                }
            }
        });
    }

    private void inDefaultEnvironment(Runnable work) {
        current.callIn(environments.defaultEnvironment(), () -> {
            work.run();
            return null;
        });
    }

    @Override
    public void stop() {
        FolderWatcher active = watcher;
        if (active != null) {
            active.close();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (whose phases are near {@code Integer.MAX_VALUE}) starts taking requests. */
    @Override
    public int getPhase() {
        return 0;
    }
}
