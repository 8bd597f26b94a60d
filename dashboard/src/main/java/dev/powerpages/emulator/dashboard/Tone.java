package dev.powerpages.emulator.dashboard;

/**
 * How a status reads at a glance. The page shows it as a colour and always next to the status word,
 * so that it survives a washed-out projector and colour-blind viewers.
 */
public enum Tone {
    /** Serving normally (green). */
    OK,
    /** Serving, but something is off or still being checked (amber). */
    WARN,
    /** Not serving, or failing (red). */
    BAD,
    /** Switched off on purpose (grey). */
    OFF,
    /** Not known: the service did not answer or has no such API (grey, dashed). */
    UNKNOWN
}
