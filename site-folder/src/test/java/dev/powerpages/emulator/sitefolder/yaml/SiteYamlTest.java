package dev.powerpages.emulator.sitefolder.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.sitefolder.SiteFolderException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * pac's YAML is written by YamlDotNet, which leaves text unquoted even where it looks like another type; a value is
 * therefore typed only where its text is that type's canonical form, so nothing changes on the way back.
 */
class SiteYamlTest {

    private final SiteYaml yaml = new SiteYaml();

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "true|Boolean",
                "false|Boolean",
                "True|String",
                "TRUE|String",
                "yes|String",
                "on|String",
                "12|Long",
                "-7|Long",
                "0|Long",
                "0012|String",
                "+12|String",
                "1_000|String",
                "0x1F|String",
                "1.50|BigDecimal",
                "-0.25|BigDecimal",
                "1e3|String",
                ".5|String",
                "1:20|String",
                "2022-11-23T13:34:37.0000000Z|String",
                "2024-05-01|String",
                "12345678901234567890|BigDecimal",
                "'12'|String",
                "\"true\"|String"
            })
    void typesOnlyCanonicalPlainScalars(String text, String type, @TempDir Path folder) throws IOException {
        Object value = read(folder, "key: " + text + "\n").get("key");
        assertThat(value.getClass().getSimpleName()).isEqualTo(type);
    }

    @Test
    void readsNullFromAnEmptyValueATildeOrNull(@TempDir Path folder) throws IOException {
        Map<String, Object> row = read(folder, "a: \nb: ~\nc: null\nd: ''\ne: Null\n");
        assertThat(row)
                .containsEntry("a", null)
                .containsEntry("b", null)
                .containsEntry("c", null)
                .containsEntry("d", "")
                .containsEntry("e", "Null");
    }

    @Test
    void writesWhatItReadsToTheSameValues(@TempDir Path folder) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text looking like a boolean", "true");
        row.put("capitalised", "True");
        row.put("number as text", "12");
        row.put("leading zeros", "0012");
        row.put("boolean", true);
        row.put("number", 12L);
        row.put("decimal", new BigDecimal("1.50"));
        row.put("big", new BigDecimal("12345678901234567890"));
        row.put("empty", "");
        row.put("nothing", null);
        row.put("colon", "Binding: contoso.powerappsportals.com");
        row.put("lines", "first\n\n  indented\nlast");
        row.put("crlf", "a\r\nb");
        row.put("control", "bell\u0007");
        row.put("japanese", "お問い合わせ");
        row.put("ids", List.of("3a000000-0000-4000-8000-000000000001"));
        row.put("none", List.of());
        row.put("leading space", " padded");
        String text = yaml.write(List.of(row));
        assertThat(text)
                .contains(
                        "- text looking like a boolean: 'true'\n",
                        "  capitalised: True\n",
                        "  nothing:",
                        "  japanese: お問い合わせ\n",
                        "  ids:\n  - 3a000000",
                        "  none: []\n",
                        "  decimal: 1.50\n")
                .doesNotContain("!!");
        // SnakeYAML's emitter always quotes digits with a leading zero (YAML 1.1 octals); pac leaves them plain.
        // Either way they read back as the same text.
        assertThat(text).contains("  leading zeros: '0012'\n");
        Map<String, Object> back = read(folder, text.substring(2).replace("\n  ", "\n"));
        assertThat(back).isEqualTo(row);
    }

    @Test
    void keepsTheLineEachRowStartsOn(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(
                folder.resolve("webrole.yml"),
                "- adx_name: A\n  adx_webroleid: 1\n" + "- adx_name: B\n  adx_webroleid: 2\n");
        assertThat(yaml.readRows(file, Path.of("webrole.yml")))
                .extracting(row -> row.source().line())
                .containsExactly(1, 3);
    }

    @Test
    void readsAFileWithAByteOrderMark(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("website.yml");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "adx_name: Site\n".getBytes();
        byte[] all = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Files.write(file, all);
        assertThat(yaml.readRow(file, Path.of("website.yml")).columns()).containsEntry("adx_name", "Site");
    }

    @Test
    void readsAThemeWithMoreThanFiftyAnchoredListsAsPacWritesIt(@TempDir Path folder) throws IOException {
        StringBuilder theme = new StringBuilder("adx_name: MOSS\nadx_theme:\n  color0: &o0 []\n");
        for (int i = 1; i <= 60; i++) {
            theme.append("  color").append(i).append(": *o0\n");
        }
        Map<String, Object> row = read(folder, theme.toString());

        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) row.get("adx_theme");
        assertThat(read).hasSize(61).containsEntry("color60", List.of());
    }

    @Test
    void refusesAFileWhoseAliasesExpandBeyondTheBoundNamingIt(@TempDir Path folder) throws IOException {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))))
                    .append("]\n");
        }
        Path file = Files.writeString(folder.resolve("bomb.yml"), bomb.toString());

        assertThatThrownBy(() -> yaml.readRows(file, Path.of("bomb.yml")))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageContaining("bomb.yml")
                .hasMessageContaining("aliases expand to more than");
        Path loop = Files.writeString(folder.resolve("loop.yml"), "a: &a [1, *a]\n");
        assertThatThrownBy(() -> yaml.readRows(loop, Path.of("loop.yml")))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageContaining("aliases expand to more than");
    }

    private Map<String, Object> read(Path folder, String text) throws IOException {
        Path file = Files.writeString(folder.resolve("row.yml"), text);
        List<YamlRow> rows = new ArrayList<>(yaml.readRows(file, Path.of("row.yml")));
        return rows.get(0).columns();
    }
}
