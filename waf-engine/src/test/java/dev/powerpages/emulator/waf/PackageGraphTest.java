package dev.powerpages.emulator.waf;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the WAF engine's package graph as docs/architecture.md draws it: the inspector on top, then the custom
 * rules, the policy model, the managed rule catalog and the rule engine at the bottom; no cycles; and no Spring or
 * Reactor anywhere (the module is a plain library that the gateway calls off its event loop).
 */
class PackageGraphTest {

    private static final String WAF = "dev.powerpages.emulator.waf";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(WAF);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(WAF + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Inspection")
                .definedBy(WAF)
                .layer("CustomRules")
                .definedBy(WAF + ".custom..")
                .layer("Policy")
                .definedBy(WAF + ".policy..")
                .layer("Catalog")
                .definedBy(WAF + ".catalog..")
                .layer("Engine")
                .definedBy(WAF + ".engine..")
                .whereLayer("Inspection")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("CustomRules")
                .mayOnlyBeAccessedByLayers("Inspection")
                .whereLayer("Policy")
                .mayOnlyBeAccessedByLayers("Inspection", "CustomRules")
                .whereLayer("Catalog")
                .mayOnlyBeAccessedByLayers("Inspection", "Policy")
                .whereLayer("Engine")
                .mayOnlyBeAccessedByLayers("Inspection", "CustomRules", "Catalog")
                .check(classes);
    }

    @Test
    void dependsOnNeitherSpringNorReactor() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "reactor..")
                .check(classes);
    }
}
