package dev.powerpages.emulator.dashboard;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard page at {@code /}: rendered on the server from the latest snapshot, so it reads right
 * before any script runs; {@code /dashboard/dashboard.js} then keeps it current from the stream.
 */
@RestController
class DashboardController {

    private final StackPoller poller;

    DashboardController(StackPoller poller) {
        this.poller = poller;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String dashboard() {
        return DashboardPage.render(poller.current());
    }
}
