package dev.powerpages.emulator.store.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when files of a folder changed. The JDK's {@link WatchService} reports changes as they happen, but not on
 * every file system: a bind mount into a container or a network share may deliver no events. So the folder is also
 * compared file by file (size and modification time) every poll interval; either way a change is reported once the
 * folder has been quiet for the debounce time (an editor's save, a {@code git checkout} write several files in a
 * burst), and at the latest a few debounce times after the first change of a long burst. The {@code .git} folder is
 * not watched. Changes are reported on one thread, one after the other, with the files and when the last was saved.
 */
final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
    /** A burst that goes on longer than this many debounce times is reported anyway, and again when it ends. */
    private static final int MAX_DELAY_FACTOR = 10;

    /** The changed files (relative to the folder) and when the newest of them was written. */
    record Change(Set<String> files, Instant savedAt) {}

    private record Stamp(long size, long modified) {}

    private final Path root;
    private final Duration pollInterval;
    private final Duration debounce;
    private final Consumer<Change> listener;
    private final boolean events;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "site-folder-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<Path, Stamp> baseline = Map.of();
    private WatchService watchService;
    private Thread eventThread;
    private ScheduledFuture<?> pending;
    private long firstPendingNanos;
    private volatile boolean eventsWork;

    /**
     * @param events whether to listen for the file system's events too (without: polling only)
     */
    FolderWatcher(Path root, Duration pollInterval, Duration debounce, boolean events, Consumer<Change> listener) {
        this.root = root;
        this.pollInterval = pollInterval;
        this.debounce = debounce;
        this.events = events;
        this.listener = listener;
    }

    void start() {
        baseline = snapshot();
        if (events) {
            try {
                watchService = FileSystems.getDefault().newWatchService();
                registerAll(root);
                eventThread = new Thread(this::takeEvents, "site-folder-events");
                eventThread.setDaemon(true);
                eventThread.start();
                eventsWork = true;
            } catch (IOException | UncheckedIOException e) {
                log.info(
                        "No file change events for {} ({}); comparing its files every {} ms instead",
                        root,
                        e.getMessage(),
                        pollInterval.toMillis());
            }
        }
        worker.scheduleWithFixedDelay(
                this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How changes are seen: "events and polling" or "polling". */
    String mode() {
        return eventsWork
                ? "events and polling every " + pollInterval.toMillis() + " ms"
                : "polling every " + pollInterval.toMillis() + " ms";
    }

    private void takeEvents() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watchService.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                        continue;
                    }
                    Path changed = ((Path) key.watchable()).resolve((Path) event.context());
                    if (ignored(changed)) {
                        continue;
                    }
                    relevant = true;
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                        try {
                            registerAll(changed);
                        } catch (IOException | UncheckedIOException e) {
                            // polling still sees what happens inside
                        }
                    }
                }
                key.reset();
                if (relevant) {
                    changed();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            if (!snapshot().equals(baseline)) {
                changed();
            }
        } catch (RuntimeException e) {
            log.debug("Could not compare the files of {}", root, e);
        }
    }

    /** Something changed: report it once the folder is quiet (or the burst has lasted too long). */
    private synchronized void changed() {
        long now = System.nanoTime();
        if (pending != null && !pending.isDone()) {
            if (now - firstPendingNanos > debounce.toNanos() * MAX_DELAY_FACTOR) {
                return; // let the scheduled report run; what follows is reported after it
            }
            pending.cancel(false);
        } else {
            firstPendingNanos = now;
        }
        pending = worker.schedule(this::report, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report() {
        Map<Path, Stamp> now = snapshot();
        Map<Path, Stamp> before = baseline;
        baseline = now;
        Set<String> files = new TreeSet<>();
        long newest = Long.MIN_VALUE;
        for (Map.Entry<Path, Stamp> file : now.entrySet()) {
            if (!file.getValue().equals(before.get(file.getKey()))) {
                files.add(file.getKey().toString());
                newest = Math.max(newest, file.getValue().modified());
            }
        }
        boolean removed = false;
        for (Path file : before.keySet()) {
            if (!now.containsKey(file)) {
                files.add(file.toString());
                removed = true;
            }
        }
        if (files.isEmpty()) {
            return;
        }
        Instant savedAt = newest == Long.MIN_VALUE || removed ? Instant.now() : Instant.ofEpochSecond(0, newest);
        try {
            listener.accept(new Change(files, savedAt));
        } catch (RuntimeException e) {
            log.error("Handling a change of {} failed", root, e);
        }
    }

    private Map<Path, Stamp> snapshot() {
        Map<Path, Stamp> files = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return ignored(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                    files.put(root.relativize(file), new Stamp(attributes.size(), modified));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted while walking: the next look sees it gone
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private void registerAll(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (ignored(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                dir.register(
                        watchService,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private boolean ignored(Path path) {
        Path relative = root.relativize(path);
        for (Path part : relative) {
            if (List.of(".git").contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        if (eventThread != null) {
            eventThread.interrupt();
        }
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
