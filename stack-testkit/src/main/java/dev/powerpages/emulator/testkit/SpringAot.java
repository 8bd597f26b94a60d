package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.jar.JarFile;

/**
 * Spring AOT's generated bean definitions, used as {@code ./stack} uses them ({@code spring_aot_opts_of}): a service
 * whose jar {@code process-aot} built starts on its generated code (no configuration-class parsing, no condition
 * evaluation: a shorter start, docs/benchmarks.md), unless {@code STACK_SPRING_AOT=0}. A jar without that code starts
 * as before; asked to use code it does not have, it would fail.
 */
final class SpringAot {

    /** Spring's switch, read through {@code org.springframework.core.SpringProperties}. */
    static final String ENABLED_PROPERTY = "spring.aot.enabled";

    /** The class {@code process-aot} generates for the application's main class. */
    private static final String INITIALIZER_SUFFIX = "__ApplicationContextInitializer.class";

    private static final String APPLICATION_CLASSES = "BOOT-INF/classes/";

    private SpringAot() {}

    /**
     * What {@link #generatedCodeIn} found, by jar path, size and modification time: a child's command line asks once
     * for its start and once per archive variant beside the jar, and both regions run the same jar (as {@code
     * note_spring_aot_code} keeps ./stack's answers); a rebuilt jar has another size or time.
     */
    private static final ConcurrentMap<String, Boolean> KNOWN = new ConcurrentHashMap<>();

    /** Whether the jar holds the generated code (a look at its directory, as {@code has_spring_aot_code} does). */
    static boolean generatedCodeIn(Path jar) {
        try {
            String key = jar.toAbsolutePath() + " " + Files.size(jar) + " "
                    + Files.getLastModifiedTime(jar).toMillis();
            return KNOWN.computeIfAbsent(key, unused -> readGeneratedCodeIn(jar));
        } catch (IOException ex) {
            return false; // not a file we can read: start it as it is
        }
    }

    private static boolean readGeneratedCodeIn(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .anyMatch(entry -> entry.getName().startsWith(APPLICATION_CLASSES)
                            && entry.getName().endsWith(INITIALIZER_SUFFIX));
        } catch (IOException ex) {
            return false; // not a jar we can read: start it as it is
        }
    }

    /** Whether the environment lets the kit use it: everything but {@code STACK_SPRING_AOT=0}, as in ./stack. */
    static boolean wanted(Map<String, String> environment) {
        return !"0".equals(environment.get("STACK_SPRING_AOT"));
    }
}
