package dev.powerpages.emulator.cli.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Writes the site folder the store exports ({@code GET /_services/site/export}, a zip in the layout the site was
 * imported from) into a folder. A folder that already holds files is refused unless forced, since the export writes
 * over files of the same names; forced, files the export does not have are left where they are (a README, a
 * {@code .git}), as {@code pac pages download} leaves them. Entries that would land outside the folder ({@code ../})
 * are refused.
 */
public final class SiteExport {

    /** What was written: files, bytes, files per top-level folder (or file), and files left that the export lacks. */
    public record Written(int files, long bytes, Map<String, Integer> byTopLevel, int leftInPlace) {}

    private SiteExport() {}

    public static Written unzip(byte[] zip, Path folder, boolean force) {
        try {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new IllegalArgumentException(folder + " is a file, not a folder");
            }
            Set<Path> before = new HashSet<>();
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(Files::isRegularFile).forEach(file -> before.add(folder.relativize(file)));
                }
                try (Stream<Path> entries = Files.list(folder)) {
                    if (!force && entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(
                                folder + " is not empty: the export would write over its files"
                                        + " (--force writes anyway, leaving files the site does not have)");
                    }
                }
            }
            Files.createDirectories(folder);
            Path root = folder.toAbsolutePath().normalize();
            Map<String, Integer> byTopLevel = new TreeMap<>();
            Set<Path> written = new HashSet<>();
            long bytes = 0;
            try (ZipInputStream in =
                    new ZipInputStream(new ByteArrayInputStream(zip), java.nio.charset.StandardCharsets.UTF_8)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root) || target.equals(root)) {
                        throw new IllegalArgumentException(
                                "the export holds an entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    Path temporary = Files.createTempFile(target.getParent(), ".export-", ".tmp");
                    long size = Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    bytes += size;
                    Path relative = root.relativize(target);
                    written.add(relative);
                    String top = relative.getNameCount() > 1 ? relative.getName(0) + "/" : relative.toString();
                    byTopLevel.merge(top, 1, Integer::sum);
                }
            }
            before.removeAll(written);
            return new Written(written.size(), bytes, byTopLevel, before.size());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the site into " + folder + " failed: " + e.getMessage(), e);
        }
    }
}
