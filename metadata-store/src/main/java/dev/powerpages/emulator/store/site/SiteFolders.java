package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import java.nio.file.Path;

/** Reads and writes the folders {@code pac pages download} writes; the store's seam to the site-folder module. */
public interface SiteFolders {

    /**
     * @throws SiteFolderException when the folder is not a site folder, or a file is malformed (with its line)
     */
    SiteContent read(Path folder);

    /** Writes the rows in {@code content}'s layout into an empty folder. */
    void write(SiteContent content, Path folder);
}
