package dev.powerpages.emulator.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack's wiring as the repository writes it once, in its root {@code .env} ({@code STORE_PORT=8070}, …): the
 * file {@code ./stack}, {@code bench/lib/stack.sh} and {@code docker compose} read. The build bundles a copy beside
 * this class, so a kit used from its jar (without the emulator's source tree) knows the same ports. Only the
 * contract's defaults come from here; the loopback stacks the kit starts still take free ports.
 *
 * <p>Read by hand rather than with {@link java.util.Properties}: the file is shell and Compose syntax
 * ({@code NAME=value}, {@code #} comments), which {@code Properties} would also accept, but it would take a
 * {@code \} or a {@code :} differently from the shell; the file has neither, and this reader refuses lines it does
 * not understand instead of guessing.
 */
final class StackWiring {

    /** The bundled copy of the root {@code .env}, next to this class. */
    static final String RESOURCE = ".env";

    private static final StackWiring BUNDLED = load();

    private final Map<String, String> values;

    StackWiring(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The wiring the kit was built with. */
    static StackWiring bundled() {
        return BUNDLED;
    }

    /** The port a {@code *_PORT} name says, e.g. {@code port("STORE_PORT")} is 8070. */
    int port(String name) {
        String value = value(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException ex) {
            throw new IllegalStateException(RESOURCE + ": " + name + "=" + value + " is not a port", ex);
        }
    }

    /** The value of one name; an error names the missing one. */
    String value(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has no " + name + " (it has " + values.keySet() + ")");
        }
        return value;
    }

    /** The file's text as {@code NAME=value} pairs; blank lines and {@code #} comments are skipped. */
    static StackWiring parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException(RESOURCE + ": '" + line + "' is not NAME=value");
            }
            values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return new StackWiring(values);
    }

    private static StackWiring load() {
        try (InputStream in = StackWiring.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing beside " + StackWiring.class.getName() + " (the build copies it)");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return parse(String.join("\n", reader.lines().toList()));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
