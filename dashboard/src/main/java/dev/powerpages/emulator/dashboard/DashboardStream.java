package dev.powerpages.emulator.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events streams of dashboard pages. Each poll's snapshot goes to all of them as a
 * {@code snapshot} event; a stream that fails (the browser went away) is dropped. A stream ends after
 * a while so that a forgotten tab does not hold a request forever; EventSource reconnects by itself.
 */
class DashboardStream {

    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    SseEmitter open(DashboardSnapshot first) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> emitters.remove(emitter));
        emitters.add(emitter);
        send(emitter, first);
        return emitter;
    }

    void publish(DashboardSnapshot snapshot) {
        for (SseEmitter emitter : emitters) {
            send(emitter, snapshot);
        }
    }

    int openStreams() {
        return emitters.size();
    }

    void completeAll() {
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    private void send(SseEmitter emitter, DashboardSnapshot snapshot) {
        try {
            emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException ex) {
            // the browser closed the page, or the stream already ended
            emitters.remove(emitter);
        }
    }
}
