package dev.powerpages.emulator.waf.engine;

import java.util.Locale;

/**
 * A rule's severity and its anomaly score, as in the OWASP CRS (which Front Door's Default Rule
 * Set follows): critical 5, error 4, warning 3, notice 2.
 */
public enum Severity {
    CRITICAL(5),
    ERROR(4),
    WARNING(3),
    NOTICE(2);

    private final int score;

    Severity(int score) {
        this.score = score;
    }

    public int score() {
        return score;
    }

    /** SecLang accepts names or syslog numbers (2 critical, 3 error, 4 warning, 5 notice). */
    public static Severity parse(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "CRITICAL", "2", "EMERGENCY", "ALERT", "0", "1" -> CRITICAL;
            case "ERROR", "3" -> ERROR;
            case "WARNING", "4" -> WARNING;
            case "NOTICE", "5", "INFO", "6", "DEBUG", "7" -> NOTICE;
            default -> throw new IllegalArgumentException("Unknown severity '" + value + "'");
        };
    }
}
