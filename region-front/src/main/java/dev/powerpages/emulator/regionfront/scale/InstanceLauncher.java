package dev.powerpages.emulator.regionfront.scale;

import java.io.IOException;
import java.net.URI;

/** Starts an app-node instance for the region and stops it again: a process on this machine (./stack's way). */
public interface InstanceLauncher {

    /** Starts instance {@code <region>-<number>}; it is not yet healthy when this returns. */
    LaunchedInstance start(String region, int number) throws IOException;

    /** Says why the front cannot start instances, or null when it can. */
    String unavailableBecause();

    /** An instance the front started. */
    interface LaunchedInstance {

        URI url();

        /** A word for the scale API: a pid, or what a test's instance is. */
        String describe();

        /** Stops it (and forgets it where ./stack looks); waits until it has stopped. */
        void stop();
    }
}
