package dev.powerpages.emulator.store.site;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start-up that stops at a malformed site folder ends with Spring Boot's "APPLICATION FAILED TO START" naming the
 * file and line and what to do, rather than a stack trace.
 */
class SiteImportFailureAnalyzer extends AbstractFailureAnalyzer<SiteImportException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SiteImportException cause) {
        return new FailureAnalysis(
                "The site folder " + cause.folder() + " cannot be imported: "
                        + cause.getCause().getMessage(),
                "Fix the file named above (nothing of the folder was imported), or start without a site folder "
                        + "(store.site.directory, STORE_SITE_DIRECTORY) to serve the demo site.",
                cause);
    }
}
