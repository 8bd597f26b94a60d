package dev.powerpages.emulator.store.site;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;

/**
 * The site-folder module's reader and writer. They are being written at the same time as the store's import; until
 * they are in this build, reading or writing a folder fails with a message that says so.
 */
@Component
class PacSiteFolders implements SiteFolders {

    @Override
    public SiteContent read(Path folder) {
        throw new SiteFolderException(null, "This build has no site folder reader yet (the site-folder module's SiteFolderReader)");
    }

    @Override
    public void write(SiteContent content, Path folder) {
        throw new SiteFolderException(null, "This build has no site folder writer yet (the site-folder module's SiteFolderWriter)");
    }
}
