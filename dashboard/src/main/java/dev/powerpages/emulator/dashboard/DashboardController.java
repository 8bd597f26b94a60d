package dev.powerpages.emulator.dashboard;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard page at {@code /}: a static frame that {@code /dashboard/dashboard.js} fills from the JSON API
 * and keeps current from the stream. One renderer, the script, because the page must follow the stream anyway
 * and the JSON is the documented API that scripts use too; a server template would draw the same parts twice.
 */
@RestController
class DashboardController {

    private static final Resource PAGE = new ClassPathResource("static/dashboard/index.html");

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> dashboard() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.TEXT_HTML)
                .body(PAGE);
    }
}
