package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.store.environment.CurrentEnvironment;
import dev.powerpages.emulator.store.environment.Environments;
import dev.powerpages.emulator.store.error.StoreErrors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The default environment's site (admin key, header {@code X-Admin-Key}; errors in the store's envelope
 * {@code {"error":{"code":…,"message":…}}}):
 * <ul>
 * <li>{@code GET /_services/site}: where it comes from (the demo or a folder), the last import's report (rows per
 * table, notes, columns kept outside the schema), how the folder is watched, the last edit imported and its
 * save-to-commit time, and the error that keeps an edit out, if any.</li>
 * <li>{@code GET /_services/site/export}: the site as a zipped site folder, in the layout it came in.</li>
 * </ul>
 */
@RestController
class SiteController {

    private final SiteStatus status;
    private final SiteExporter exporter;
    private final CurrentEnvironment current;
    private final Environments environments;

    SiteController(SiteStatus status, SiteExporter exporter, CurrentEnvironment current, Environments environments) {
        this.status = status;
        this.exporter = exporter;
        this.current = current;
        this.environments = environments;
    }

    @GetMapping("/_services/site")
    ResponseEntity<?> site() {
        return ResponseEntity.ok(status.view());
    }

    @GetMapping("/_services/site/export")
    ResponseEntity<?> export() {
        try {
            byte[] zip = current.callIn(environments.defaultEnvironment(), exporter::zip);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/zip"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"site.zip\"")
                    .body(zip);
        } catch (SiteFolderException e) {
            return StoreErrors.answer(HttpStatus.INTERNAL_SERVER_ERROR, "ExportFailed", e.getMessage());
        }
    }
}
