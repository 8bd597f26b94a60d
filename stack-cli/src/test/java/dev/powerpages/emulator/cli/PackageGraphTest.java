package dev.powerpages.emulator.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps stack-cli's feature packages free of cycles, as docs/architecture.md asks of every module. */
class PackageGraphTest {

    private static final String ROOT = "dev.powerpages.emulator.cli";

    @Test
    void featurePackagesFormNoCycle() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
