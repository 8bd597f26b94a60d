package dev.powerpages.emulator.regionfront;

import dev.powerpages.emulator.support.architecture.ModuleClasses;
import org.junit.jupiter.api.Test;

/** Keeps the region front's feature packages free of cycles, as docs/architecture.md asks of every module. */
class PackageGraphTest {

    @Test
    void featurePackagesFormNoCycle() {
        ModuleClasses.of("dev.powerpages.emulator.regionfront").checkFeaturePackagesFormNoCycle();
    }
}
