package dev.powerpages.emulator.dashboard;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's data: the latest snapshot, a stream of snapshots (Server-Sent Events, one per poll),
 * and the controls, each a POST behind the admin key.
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardApiController {

    /** A control as the page lists it. */
    record ActionView(
            String id, DashboardAction.Target target, String label, String button, boolean available, String note) {}

    private final StackPoller poller;
    private final DashboardStream stream;
    private final ActionProxy actions;

    DashboardApiController(StackPoller poller, DashboardStream stream, ActionProxy actions) {
        this.poller = poller;
        this.stream = stream;
        this.actions = actions;
    }

    @GetMapping
    DashboardSnapshot snapshot() {
        return poller.current();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return stream.open(poller.current());
    }

    @GetMapping("/actions")
    Map<String, List<ActionView>> actions() {
        return Map.of(
                "value",
                Arrays.stream(DashboardAction.values())
                        .map(a -> new ActionView(
                                a.id(),
                                a.target(),
                                a.label(),
                                a.button(),
                                a.available(),
                                a.available() ? null : ActionProxy.STORE_NOTE))
                        .toList());
    }

    /**
     * Runs one control, e.g. {@code POST /api/dashboard/actions/fail-health?target=northeurope}; answers
     * 200 when the target service accepted it, 502 when it refused or did not answer.
     */
    @PostMapping("/actions/{action}")
    ResponseEntity<ActionProxy.Outcome> act(
            @PathVariable String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) Long latencyMs) {
        ActionProxy.Outcome outcome = actions.execute(action, target, latencyMs);
        return ResponseEntity.status(outcome.ok() ? 200 : 502).body(outcome);
    }

    @ExceptionHandler(DashboardException.class)
    ResponseEntity<ErrorEnvelope> refused(DashboardException ex) {
        return ResponseEntity.status(ex.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(ex.code(), ex.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorEnvelope> badParameter(MethodArgumentTypeMismatchException ex) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of("BadRequest", "Parameter '" + ex.getName() + "' has an invalid value."));
    }
}
