package dev.powerpages.emulator.cli.check;

import dev.powerpages.emulator.cli.site.StoreSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;

/**
 * check-site checks the folder as it is on disk: an edit saved a moment before the check (an editor's save, then the
 * command) may not have reached the store yet, since the store imports an edit once the folder has been quiet for a
 * short while. So the check first waits until the store has imported something at least as new as the newest file,
 * or has refused it (a malformed file: the report names it, and the last good site is checked).
 */
final class FolderEdits {

    private FolderEdits() {}

    static StoreSite.Status awaitImported(StoreSite store, StoreSite.Status status, Path folder, Duration atMost) {
        Instant newest = newestFile(folder);
        Instant deadline = Instant.now().plus(atMost);
        StoreSite.Status current = status;
        while (newest != null && !caughtUp(current, newest) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = store.status();
        }
        return current;
    }

    private static boolean caughtUp(StoreSite.Status status, Instant newest) {
        boolean imported = status.changedAt() != null && !status.changedAt().isBefore(newest);
        boolean refused = status.error() != null
                && status.error().since() != null
                && !status.error().since().isBefore(newest);
        return imported || refused;
    }

    /** The newest modification among the folder's files ({@code .git} and {@code node_modules} aside), or null. */
    static Instant newestFile(Path folder) {
        Instant[] newest = {null};
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name =
                            dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(folder) && (name.equals(".git") || name.equals("node_modules"))
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Instant modified = attributes.lastModifiedTime().toInstant();
                    if (newest[0] == null || modified.isAfter(newest[0])) {
                        newest[0] = modified;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return newest[0];
    }
}
