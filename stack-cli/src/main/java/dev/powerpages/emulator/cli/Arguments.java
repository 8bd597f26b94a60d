package dev.powerpages.emulator.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line as {@code ./stack} passes it: positional values, {@code --name value} (or {@code --name=value})
 * options, which may repeat ({@code --node northeurope=http://…}), and flags. Hand-written rather than a library:
 * five commands with a handful of options each, all written by {@code ./stack} itself.
 */
final class Arguments {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    Arguments(List<String> args, Set<String> flags) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (flags.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
                options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } else {
                positional.add(arg);
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    String positional(int index, String what) {
        if (positional.size() <= index) {
            throw new UsageException("missing " + what);
        }
        return positional.get(index);
    }

    String option(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(values.size() - 1);
    }

    String required(String name) {
        String value = option(name, null);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(option(name, "false"));
    }

    int integer(String name, int fallback) {
        String value = option(name, null);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not " + value);
        }
    }

    Duration seconds(String name, Duration fallback) {
        String value = option(name, null);
        try {
            return value == null ? fallback : Duration.ofSeconds(Long.parseLong(value.replaceFirst("s$", "")));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes seconds, not " + value);
        }
    }

    /** {@code --node name=url}, repeated, in order. */
    Map<String, String> named(String name) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String value : options.getOrDefault(name, List.of())) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--" + name + " takes NAME=URL, not " + value);
            }
            named.put(value.substring(0, equals), value.substring(equals + 1));
        }
        return named;
    }

    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }
}
