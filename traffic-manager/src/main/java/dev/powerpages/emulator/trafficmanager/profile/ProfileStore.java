package dev.powerpages.emulator.trafficmanager.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the profiles created, changed or deleted through the API in {@code <data-dir>/profiles.json}, so that
 * they survive a restart (as Azurite and LocalStack keep their state on disk). Profiles declared in
 * configuration are the starting point; this file records what the API did to them since.
 */
public final class ProfileStore {

    /** The file's content: profiles as the API last left them, and the names deleted through the API. */
    record Contents(Map<String, ProfileDefinition> profiles, Set<String> deleted) {

        Contents {
            profiles = profiles == null ? new LinkedHashMap<>() : new LinkedHashMap<>(profiles);
            deleted = deleted == null ? new TreeSet<>() : new TreeSet<>(deleted);
        }
    }

    private final Path file;
    private final JsonMapper json;
    private final Contents contents;

    /** A store that keeps nothing (blank data dir). */
    static ProfileStore inMemory() {
        return new ProfileStore(null, null);
    }

    public ProfileStore(Path dataDir, JsonMapper json) {
        this.file = dataDir == null ? null : dataDir.resolve("profiles.json");
        this.json = json;
        this.contents = file != null && Files.isRegularFile(file) ? read() : new Contents(null, null);
    }

    synchronized Map<String, ProfileDefinition> saved() {
        return Map.copyOf(contents.profiles());
    }

    synchronized Set<String> deleted() {
        return Set.copyOf(contents.deleted());
    }

    synchronized void save(String name, ProfileDefinition definition) {
        contents.profiles().put(name, definition);
        contents.deleted().remove(name);
        write();
    }

    synchronized void delete(String name) {
        contents.profiles().remove(name);
        contents.deleted().add(name);
        write();
    }

    private Contents read() {
        try {
            return json.readValue(file.toFile(), Contents.class);
        } catch (RuntimeException ex) {
            throw new IllegalStateException(
                    "Cannot read the saved Traffic Manager profiles in " + file
                            + " (delete the file to start from the configured profiles): " + ex.getMessage(),
                    ex);
        }
    }

    private void write() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), contents);
            // Replace in one step so that a crash never leaves a half-written file.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot save the Traffic Manager profiles to " + file, ex);
        }
    }
}
