package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderReader;
import dev.powerpages.emulator.sitefolder.SiteFolderWriter;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The site-folder module's reader and writer ({@code docs/site-folder.md}). */
@Component
class PacSiteFolders implements SiteFolders {

    @Override
    public SiteContent read(Path folder) {
        return SiteFolderReader.read(folder);
    }

    @Override
    public void write(SiteContent content, Path folder) {
        SiteFolderWriter.write(content, folder);
    }
}
