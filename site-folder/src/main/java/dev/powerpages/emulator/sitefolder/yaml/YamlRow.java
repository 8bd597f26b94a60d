package dev.powerpages.emulator.sitefolder.yaml;

import dev.powerpages.emulator.sitefolder.SourceLocation;
import java.util.Map;

/**
 * One row as a YAML file holds it: its keys in the file's order, values already typed, and where it starts.
 *
 * @param columns key to value ({@code String}, {@code Boolean}, {@code Long}, {@code BigDecimal}, {@code null},
 *                lists and mappings of those), mutable for the reader that turns it into a row
 * @param source  the file and the line the row starts on
 */
public record YamlRow(Map<String, Object> columns, SourceLocation source) {}
