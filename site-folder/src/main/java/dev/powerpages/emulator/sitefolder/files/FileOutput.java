package dev.powerpages.emulator.sitefolder.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files a writer plans, written at the end: each through a temporary file moved into place, so a crash leaves
 * either the old file or the new one, never half of one. Paths are compared without regard to case when planned,
 * as on the Windows and macOS file systems most sites are downloaded to.
 */
public final class FileOutput {

    private final Map<Path, byte[]> files = new TreeMap<>();
    private final Set<String> taken = new TreeSet<>();

    /** Whether a file (or a folder of that name) is planned already, case aside. */
    public boolean isTaken(Path relative) {
        return taken.contains(key(relative));
    }

    /** Reserves a path without content yet (a row's file, before its rows are all known). */
    public void reserve(Path relative) {
        taken.add(key(relative));
    }

    public void put(Path relative, byte[] content) {
        reserve(relative);
        files.put(relative, content);
    }

    public Map<Path, byte[]> files() {
        return files;
    }

    /** Writes every planned file under {@code root}, creating folders as needed. */
    public void writeTo(Path root) {
        try {
            for (var file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Path temporary = Files.createTempFile(target.getParent(), ".write-", ".tmp");
                try {
                    Files.write(temporary, file.getValue());
                    move(temporary, target);
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String key(Path relative) {
        return relative.toString().replace('\\', '/').toLowerCase(Locale.ROOT);
    }
}
