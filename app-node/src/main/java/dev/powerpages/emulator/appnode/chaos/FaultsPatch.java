package dev.powerpages.emulator.appnode.chaos;

/** Body of {@code PUT /_services/chaos}: only the fields sent change; {@code crash} is an action, not a fault. */
public record FaultsPatch(Boolean failHealth, Long latencyMs, Double errorRate, Boolean storeCutOff, Boolean crash) {

    /** @return why the patch is unacceptable, or {@code null} when it is fine */
    String problem() {
        if (latencyMs != null && (latencyMs < 0 || latencyMs > 120_000)) {
            return "latencyMs must be between 0 and 120000";
        }
        if (errorRate != null && (errorRate < 0.0 || errorRate > 1.0 || errorRate.isNaN())) {
            return "errorRate must be between 0.0 and 1.0";
        }
        return null;
    }
}
