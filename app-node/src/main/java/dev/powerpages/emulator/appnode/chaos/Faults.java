package dev.powerpages.emulator.appnode.chaos;

/** The faults injected into this node right now; {@link #NONE} when healthy. */
public record Faults(boolean failHealth, long latencyMs, double errorRate, boolean storeCutOff) {

    public static final Faults NONE = new Faults(false, 0, 0.0, false);

    /** Fields present in the patch replace ours; absent ({@code null}) fields keep their value. */
    public Faults merge(FaultsPatch patch) {
        return new Faults(
                patch.failHealth() != null ? patch.failHealth() : failHealth,
                patch.latencyMs() != null ? patch.latencyMs() : latencyMs,
                patch.errorRate() != null ? patch.errorRate() : errorRate,
                patch.storeCutOff() != null ? patch.storeCutOff() : storeCutOff);
    }
}
