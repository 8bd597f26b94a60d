package dev.powerpages.emulator.store.site;

import dev.powerpages.emulator.store.WebApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A test that imports sites into the running store (and reads them back through the Web API or exports them): the
 * importer, exporter and folder readers it uses, and the demo site put back after each test, so that the next test
 * class on the shared context finds the store as it started.
 */
abstract class SiteImportTestSupport extends WebApiTestSupport {

    @Autowired
    SiteImporter importer;

    @Autowired
    SiteExporter exporter;

    @Autowired
    SiteFolders folders;

    @AfterEach
    void demoSiteBack() {
        importer.restoreDemoSite();
    }
}
