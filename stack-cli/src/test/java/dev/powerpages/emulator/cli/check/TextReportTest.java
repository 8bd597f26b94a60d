package dev.powerpages.emulator.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void linesUpTheNotEmulatedCountsUnderTheirHeadingsHoweverLongAFeaturesName() {
        Map<String, CheckReport.FeatureUse> notEmulated = new LinkedHashMap<>();
        notEmulated.put("tag powerbi", new CheckReport.FeatureUse(1, 2, 2));
        notEmulated.put(
                "fetchxml on table wi_productobasefabricante (not in the store)", new CheckReport.FeatureUse(3, 3, 3));
        CheckReport.Counts none = new CheckReport.Counts(0, 0, 0, 0, 0, 0);
        CheckReport report = new CheckReport(
                "/site",
                null,
                null,
                0,
                0,
                "Site",
                List.of(),
                "http://localhost:8080",
                none,
                none,
                List.of(),
                notEmulated,
                Map.of(),
                Map.of(),
                Map.of(),
                null,
                true,
                1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        TextReport.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String heading = lines.stream()
                .filter(l -> l.startsWith("Not emulated"))
                .findFirst()
                .orElseThrow();
        int usesEnd = heading.length();
        int pagesEnd = heading.lastIndexOf("pages") + "pages".length();
        assertThat(lines.stream().filter(l -> l.startsWith("  tag powerbi") || l.startsWith("  fetchxml on")))
                .hasSize(2)
                .allSatisfy(line -> {
                    assertThat(line).hasSize(usesEnd);
                    assertThat(line.charAt(pagesEnd - 1)).isIn('1', '3');
                    assertThat(line.charAt(pagesEnd)).isEqualTo(' ');
                });
    }
}
