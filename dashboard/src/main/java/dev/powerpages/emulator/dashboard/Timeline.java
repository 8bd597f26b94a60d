package dev.powerpages.emulator.dashboard;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What happened, newest first: probe results, endpoint status changes, services going up or down, and
 * the actions taken from the dashboard. Bounded so memory stays flat however long a workshop runs.
 */
public class Timeline {

    /** What kind of event an entry is; the page can hide the frequent probe results. */
    public enum Kind {
        PROBE,
        STATUS,
        SERVICE,
        ACTION
    }

    /**
     * @param seq increases by one per entry, so a client can tell new entries from old
     * @param subject what the entry is about: an endpoint, a service or an action target
     */
    public record Entry(long seq, String time, Kind kind, String subject, String text, Tone tone) {}

    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long seq;

    @Autowired
    Timeline(DashboardProperties properties) {
        this(properties.timelineSize(), Clock.systemUTC());
    }

    Timeline(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    Entry add(Kind kind, String subject, String text, Tone tone) {
        return add(clock.instant().toString(), kind, subject, text, tone);
    }

    synchronized Entry add(String time, Kind kind, String subject, String text, Tone tone) {
        Entry entry = new Entry(++seq, time, kind, subject, text, tone);
        entries.addFirst(entry);
        while (entries.size() > capacity) {
            entries.removeLast();
        }
        return entry;
    }

    synchronized List<Entry> newest(int limit) {
        return entries.stream().limit(limit).toList();
    }
}
