package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.SiteFolderException;
import java.nio.file.Path;

/** The site folder given at start-up cannot be imported: the store does not start (see {@link SiteImportFailureAnalyzer}). */
public class SiteImportException extends RuntimeException {

    private final Path folder;

    SiteImportException(Path folder, SiteFolderException cause) {
        super("Cannot import the site folder " + folder + ": " + cause.getMessage(), cause);
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public synchronized SiteFolderException getCause() {
        return (SiteFolderException) super.getCause();
    }
}
