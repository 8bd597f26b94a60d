package dev.powerpages.emulator.sitefolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code standard-full} fixture plus web files as real folders have them beside the usual: two without a note (no
 * annotation columns), the two shapes real pac downloads have for them: {@code no-file.png} with no content file beside
 * its {@code .webfile.yml}, and {@code empty.png} with an empty one; {@code note-no-file.png}, a web file with a note
 * whose content file the folder lacks (a real site's repository that left two images out); and
 * {@code other-case.png.webfile.yml} whose content file is {@code Other-Case.png} (a real site's repository made on
 * Windows, where the two names are one file). Tests of both modules write it back and expect each as it was.
 */
public final class UnusualWebFiles {

    public static final Path NO_FILE = Path.of("web-files", "no-file.png");
    public static final Path EMPTY_FILE = Path.of("web-files", "empty.png");
    public static final Path NOTE_WITHOUT_FILE = Path.of("web-files", "note-no-file.png");
    public static final Path CONTENT_FILE_IN_OTHER_CASE = Path.of("web-files", "Other-Case.png");
    public static final String OTHER_CASE_WEB_FILE_ID = "6a000000-0000-4000-8000-0000000000f4";
    public static final byte[] OTHER_CASE_CONTENT = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    private UnusualWebFiles() {}

    /** The folder, made under {@code scratch}. */
    public static Path folder(Path scratch) {
        Path source = FixtureSites.path("standard-full");
        Path folder = scratch.resolve("unusual-web-files");
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
            Files.writeString(
                    folder.resolve(NOTE_WITHOUT_FILE + ".webfile.yml"),
                    webFileWithNote("note-no-file.png", "6a000000-0000-4000-8000-0000000000f3", "f3"));
            Files.writeString(
                    folder.resolve(Path.of("web-files", "other-case.png.webfile.yml")),
                    webFileWithNote("other-case.png", OTHER_CASE_WEB_FILE_ID, "f4"));
            Files.write(folder.resolve(CONTENT_FILE_IN_OTHER_CASE), OTHER_CASE_CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** A web file's row with its note's columns, as pac writes them: the web file's sorted columns, then the note's. */
    private static String webFileWithNote(String name, String id, String noteSuffix) {
        return webFile(name, id).replace("adx_webfileid: " + id + "\n", "")
                + String.join(
                        "\n",
                        List.of(
                                "adx_webfileid: " + id,
                                "annotationid: 6b000000-0000-4000-8000-0000000000" + noteSuffix,
                                "filename: " + name,
                                "isdocument: true",
                                "mimetype: image/png",
                                "objectid: " + id,
                                "objecttypecode: adx_webfile"))
                + "\n";
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
