package dev.powerpages.emulator.trafficmanager;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the traffic manager's feature packages free of cycles, as docs/architecture.md asks of every module. */
class PackageGraphTest {

    private static final String ROOT = "dev.powerpages.emulator.trafficmanager";

    @Test
    void featurePackagesFormNoCycle() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Not the classes Spring AOT's process-aot (the package phase) generates into target/classes: its
                // bean definitions (Foo__BeanDefinitions, the application's __BeanFactoryRegistrations) and proxies
                // ($$SpringCGLIB$$) call every package by design; the graph is the sources'.
                .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
                .importPackages(ROOT);
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
