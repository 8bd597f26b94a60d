package dev.powerpages.emulator.appnode.chaos;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The node's current faults, read on every request and store call. */
@Component
public class ChaosState {

    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);

    public Faults current() {
        return faults.get();
    }

    public Faults apply(FaultsPatch patch) {
        return faults.updateAndGet(current -> current.merge(patch));
    }

    public Faults clear() {
        faults.set(Faults.NONE);
        return Faults.NONE;
    }
}
