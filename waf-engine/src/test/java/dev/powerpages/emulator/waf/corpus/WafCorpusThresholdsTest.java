package dev.powerpages.emulator.waf.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.powerpages.emulator.waf.policy.WafPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Full preset against the public corpora (../shared/corpora) and the benign Power Pages set:
 * a rule or engine change that loses detection or adds false positives fails the build.
 */
class WafCorpusThresholdsTest {

    static final Path CORPORA = Path.of(System.getProperty("waf.corpora", "../../shared/corpora"));

    static final Path BENCH = Path.of("../bench/waf");

    @Test
    void fullPresetMeetsTheDetectionAndFalsePositiveTargets() throws Exception {
        assumeTrue(
                Files.isDirectory(CORPORA.resolve("waf")),
                "Skipped: the WAF corpora are not at "
                        + CORPORA.toAbsolutePath().normalize() + " (see the corpora README)");
        CorpusReplayer.Report report = CorpusReplayer.run(WafPreset.Full, CORPORA, BENCH);
        assertThat(report.crsCoreRate())
                .as("CRS PL1 critical attack tests blocked, 930/931/932/941/942 (%)")
                .isGreaterThanOrEqualTo(90.0);
        assertThat(report.goTestWafScore()).as("GoTestWAF-style score").isGreaterThan(55.5);
        // Issue 6's target; measured 0.56 % (2 of 356: searches for a Windows path and for =IF(A1>10,…), CRS 930120 and
        // 942230).
        assertThat(report.benignBlockedRate())
                .as("benign Power Pages requests blocked (%)")
                .isLessThanOrEqualTo(1.0);
        assertThat(report.crsAttacks().rate("941")).as("XSS").isGreaterThanOrEqualTo(85.0);
        assertThat(report.crsAttacks().rate("942")).as("SQLi").isGreaterThanOrEqualTo(90.0);
    }
}
