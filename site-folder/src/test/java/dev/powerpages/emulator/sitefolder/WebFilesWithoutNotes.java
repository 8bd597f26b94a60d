package dev.powerpages.emulator.sitefolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code standard-full} fixture plus two web files without a note (no annotation columns), the two shapes real pac
 * downloads have for them: {@code no-file.png} with no content file beside its {@code .webfile.yml}, and
 * {@code empty.png} with an empty one; and {@code note-no-file.png}, a web file with a note whose content file the
 * folder lacks (a real site's repository that left two images out). Tests of both modules write it back and expect each
 * as it was.
 */
public final class WebFilesWithoutNotes {

    public static final Path NO_FILE = Path.of("web-files", "no-file.png");
    public static final Path EMPTY_FILE = Path.of("web-files", "empty.png");
    public static final Path NOTE_WITHOUT_FILE = Path.of("web-files", "note-no-file.png");

    private WebFilesWithoutNotes() {}

    /** The folder, made under {@code scratch}. */
    public static Path folder(Path scratch) {
        Path source = FixtureSites.path("standard-full");
        Path folder = scratch.resolve("web-files-without-notes");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = folder.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            Files.writeString(
                    folder.resolve(NO_FILE + ".webfile.yml"),
                    webFile("no-file.png", "6a000000-0000-4000-8000-0000000000f1"));
            Files.writeString(
                    folder.resolve(EMPTY_FILE + ".webfile.yml"),
                    webFile("empty.png", "6a000000-0000-4000-8000-0000000000f2"));
            Files.write(folder.resolve(EMPTY_FILE), new byte[0]);
            String id = "6a000000-0000-4000-8000-0000000000f3";
            Files.writeString(
                    folder.resolve(NOTE_WITHOUT_FILE + ".webfile.yml"),
                    webFile("note-no-file.png", id).replace("adx_webfileid: " + id + "\n", "")
                            + String.join(
                                    "\n",
                                    List.of(
                                            "adx_webfileid: " + id,
                                            "annotationid: 6b000000-0000-4000-8000-0000000000f3",
                                            "filename: note-no-file.png",
                                            "isdocument: true",
                                            "mimetype: image/png",
                                            "objectid: " + id,
                                            "objecttypecode: adx_webfile"))
                            + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** A web file's row as pac writes one without a note: its own columns only, sorted. */
    private static String webFile(String name, String id) {
        return String.join(
                        "\n",
                        List.of(
                                "adx_contentdisposition: 756150000",
                                "adx_enabletracking: false",
                                "adx_excludefromsearch: false",
                                "adx_hiddenfromsitemap: false",
                                "adx_name: " + name,
                                "adx_parentpageid: 5a000000-0000-4000-8000-000000000001",
                                "adx_partialurl: " + name,
                                "adx_publishingstateid: 2a000000-0000-4000-8000-000000000001",
                                "adx_webfileid: " + id))
                + "\n";
    }
}
