package dev.powerpages.emulator.gateway.cdn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Extension lists as Power Pages' {@code ContentDeliveryNetwork/FileExtensions} setting writes them. */
final class FileExtensions {

    private FileExtensions() {}

    /** {@code ".CSS"} and {@code "css"} name the same extension. */
    static String normalize(String extension) {
        String trimmed = extension.trim().toLowerCase(Locale.ROOT);
        return trimmed.startsWith(".") ? trimmed.substring(1) : trimmed;
    }

    /** A setting value such as {@code "css, js;png .svg"}. */
    static List<String> parse(String value) {
        return Arrays.stream(value.split("[,;\\s]+"))
                .map(FileExtensions::normalize)
                .filter(extension -> !extension.isEmpty())
                .distinct()
                .toList();
    }

    /** The extension of the last path segment, or empty. */
    static String of(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
