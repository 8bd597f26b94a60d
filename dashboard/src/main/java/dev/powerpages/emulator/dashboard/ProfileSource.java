package dev.powerpages.emulator.dashboard;

import java.util.Optional;

/**
 * Where the dashboard reads the traffic manager's profile: implemented by the application that serves the
 * dashboard (the traffic manager, in memory), so that the dashboard knows nothing of its internals and the
 * two modules have no cycle. Read on every request, so the profile part of the page is never older than it.
 */
public interface ProfileSource {

    /** The dashboard's profile as it stands now, or empty when no profile of the configured name exists. */
    Optional<ProfileReading> read();
}
