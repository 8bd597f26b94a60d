package dev.powerpages.emulator.trafficmanager.profile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A profile's most recent endpoint status changes, newest first, bounded so memory stays flat. */
final class StatusChangeHistory {

    private final int capacity;
    private final Deque<EndpointStatusChange> changes = new ArrayDeque<>();

    StatusChangeHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(EndpointStatusChange change) {
        changes.addFirst(change);
        while (changes.size() > capacity) {
            changes.removeLast();
        }
    }

    synchronized List<EndpointStatusChange> newestFirst() {
        return List.copyOf(changes);
    }
}
