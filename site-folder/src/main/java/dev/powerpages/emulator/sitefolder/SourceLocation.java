package dev.powerpages.emulator.sitefolder;

import java.nio.file.Path;

/**
 * Where in a site folder something was read.
 *
 * @param file the file, relative to the folder's root
 * @param line 1-based line within the file, or 0 where no line applies (a whole file, a binary)
 */
public record SourceLocation(Path file, int line) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file.toString();
    }
}
