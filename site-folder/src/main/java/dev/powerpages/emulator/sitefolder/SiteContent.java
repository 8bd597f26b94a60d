package dev.powerpages.emulator.sitefolder;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a site folder holds, as Dataverse rows, and what the reader noticed on the way.
 *
 * @param dataModel the data model the rows belong to
 * @param layout    the folder layout that was read (or is to be written)
 * @param root      the folder
 * @param records   the rows, active and deactivated ({@code statecode} kept as written)
 * @param notes     files skipped, kinds the emulator does not use, duplicates dropped: never fatal
 */
public record SiteContent(
        DataModel dataModel, FolderLayout layout, Path root, List<SiteRecord> records, List<ImportNote> notes) {}
