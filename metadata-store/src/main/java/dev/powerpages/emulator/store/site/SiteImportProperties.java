package dev.powerpages.emulator.store.site;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the default environment's site comes from; defaults live in application.yml.
 *
 * @param directory    a folder written by {@code pac pages download} (either data model, any of its layouts), or blank
 *                     for the demo site ({@code STORE_SITE_DIRECTORY})
 * @param watch        whether edits to the folder are imported as they are saved
 * @param pollInterval how often the folder is also compared file by file, for file systems whose change events do
 *                     not arrive (bind mounts into a container, network shares)
 * @param debounce     how long the folder must be quiet before an edit is imported (an editor's save, a
 *                     {@code git checkout} write several files in a burst)
 */
@ConfigurationProperties("store.site")
public record SiteImportProperties(String directory, Boolean watch, Duration pollInterval, Duration debounce) {

    public SiteImportProperties {
        watch = watch == null || watch;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        debounce = debounce == null ? Duration.ofMillis(150) : debounce;
    }

    /** The folder, or null for the demo site. */
    public Path folder() {
        return directory == null || directory.isBlank()
                ? null
                : Path.of(directory.trim()).toAbsolutePath().normalize();
    }
}
