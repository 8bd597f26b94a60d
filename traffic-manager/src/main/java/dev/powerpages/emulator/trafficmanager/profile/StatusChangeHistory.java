package dev.powerpages.emulator.trafficmanager.profile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A profile's most recent events (endpoint status changes and the regions' scaling decisions), newest first, bounded
 * so memory stays flat.
 */
final class StatusChangeHistory {

    private final int capacity;
    private final Deque<ProfileEvent> changes = new ArrayDeque<>();

    StatusChangeHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ProfileEvent change) {
        changes.addFirst(change);
        while (changes.size() > capacity) {
            changes.removeLast();
        }
    }

    synchronized List<ProfileEvent> newestFirst() {
        return List.copyOf(changes);
    }
}
