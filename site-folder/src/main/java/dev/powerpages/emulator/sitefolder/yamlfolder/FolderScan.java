package dev.powerpages.emulator.sitefolder.yamlfolder;

import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of a site folder, split into the site's own (at the root and in the folders pac writes) and everything
 * else that lives beside a site in a repository (a README, package.json, a coverage report, pipelines), which gets one
 * note per top-level entry and is never read.
 */
final class FolderScan {

    /** Folders pac writes, in either layout. */
    static final Set<String> SITE_FOLDERS = Stream.concat(
                    Arrays.stream(RowKind.values()).map(RowKind::standardFolder),
                    Arrays.stream(RowKind.values()).map(RowKind::enhancedFolder))
            .filter(Objects::nonNull)
            .filter(folder -> !folder.isEmpty())
            .collect(Collectors.toUnmodifiableSet());

    /** Never walked: version control and package caches can hold many thousands of files. */
    private static final Set<String> NOT_WALKED = Set.of(".git", "node_modules");

    private final List<Path> siteFiles = new ArrayList<>();
    private final List<ImportNote> notes = new ArrayList<>();

    private FolderScan() {}

    /** Scans {@code root}; file paths in the result are relative to it and sorted. */
    static FolderScan of(Path root) {
        FolderScan scan = new FolderScan();
        TreeMap<String, Path> topLevel = new TreeMap<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.forEach(entry -> topLevel.put(entry.getFileName().toString(), entry));
        } catch (IOException e) {
            throw new SiteFolderException(null, "cannot list " + root + ": " + e.getMessage(), e);
        }
        for (var entry : topLevel.entrySet()) {
            String name = entry.getKey();
            Path path = entry.getValue();
            Path relative = Path.of(name);
            if (Files.isDirectory(path)) {
                if (SITE_FOLDERS.contains(name)) {
                    scan.walkSiteFolder(root, path);
                } else {
                    scan.noteNotSite(relative, describeFolder(path));
                }
            } else if (RowKind.ofYamlFile(name).isPresent()) {
                scan.siteFiles.add(relative);
            } else if (name.endsWith(".yml") && holdsRows(path)) {
                scan.notes.add(new ImportNote(
                        ImportNote.Kind.UNUSED_KIND,
                        new SourceLocation(relative, 0),
                        "rows (adx_ columns) of a kind the emulator does not read"));
            } else {
                scan.noteNotSite(relative, "not part of the site");
            }
        }
        scan.siteFiles.sort(null);
        return scan;
    }

    List<Path> siteFiles() {
        return siteFiles;
    }

    List<ImportNote> notes() {
        return notes;
    }

    private void walkSiteFolder(Path root, Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(folder)
                            && NOT_WALKED.contains(dir.getFileName().toString())) {
                        noteNotSite(root.relativize(dir), describeFolder(dir));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        siteFiles.add(root.relativize(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SiteFolderException(
                    new SourceLocation(root.relativize(folder), 0), "cannot read the folder: " + e.getMessage(), e);
        }
    }

    private void noteNotSite(Path relative, String what) {
        notes.add(new ImportNote(ImportNote.Kind.NOT_SITE_FILE, new SourceLocation(relative, 0), what));
    }

    /** Whether a YAML file beside the site looks like pac's (adx_ columns) rather than a pipeline's or a tool's. */
    private static boolean holdsRows(Path file) {
        try {
            byte[] start = new byte[4096];
            int length;
            try (var in = Files.newInputStream(file)) {
                length = in.readNBytes(start, 0, start.length);
            }
            return new String(start, 0, length, java.nio.charset.StandardCharsets.UTF_8).contains("adx_");
        } catch (IOException e) {
            return false;
        }
    }

    private static String describeFolder(Path folder) {
        if (NOT_WALKED.contains(folder.getFileName().toString())) {
            return "not part of the site (not read)";
        }
        try (Stream<Path> files = Files.walk(folder)) {
            long count = files.filter(Files::isRegularFile).count();
            return "not part of the site (a folder of " + count + (count == 1 ? " file)" : " files)");
        } catch (IOException | UncheckedIOException e) {
            return "not part of the site";
        }
    }
}
