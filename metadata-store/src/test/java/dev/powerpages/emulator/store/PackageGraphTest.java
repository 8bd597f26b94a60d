package dev.powerpages.emulator.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.powerpages.emulator.support.architecture.ModuleClasses;
import org.junit.jupiter.api.Test;

/**
 * Keeps the store's package graph as docs/architecture.md draws it: no cycles, and the storage layers
 * (schema, odata, data) below the environments, which are below the features and the Web API.
 */
class PackageGraphTest {

    private static final ModuleClasses STORE = ModuleClasses.of("dev.powerpages.emulator.store");

    @Test
    void featurePackagesFormNoCycle() {
        STORE.checkFeaturePackagesFormNoCycle();
    }

    @Test
    void theSchemaDependsOnNoOtherPackageOfTheStore() {
        noClasses()
                .that()
                .resideInAPackage(STORE.feature("schema"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STORE.featuresExcept("schema"))
                .check(STORE.classes());
    }

    @Test
    void queriesAndRowsSitBelowTheEnvironments() {
        noClasses()
                .that()
                .resideInAnyPackage(STORE.feature("odata"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STORE.featuresExcept("odata", "schema"))
                .check(STORE.classes());
        noClasses()
                .that()
                .resideInAnyPackage(STORE.feature("data"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STORE.featuresExcept("data", "odata", "schema"))
                .check(STORE.classes());
    }

    @Test
    void environmentsDoNotKnowTheFeaturesThatPrepareThem() {
        noClasses()
                .that()
                .resideInAPackage(STORE.feature("environment"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        STORE.feature("auth"),
                        STORE.feature("seed"),
                        STORE.feature("site"),
                        STORE.feature("webapi"),
                        STORE.feature("enhanced"),
                        STORE.feature("relationship"),
                        STORE.feature("chaos"))
                .check(STORE.classes());
    }

    @Test
    void nothingDependsOnTheWebApiOrTheSiteImport() {
        noClasses()
                .that()
                .resideOutsideOfPackage(STORE.feature("webapi"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(STORE.feature("webapi"))
                .check(STORE.classes());
        noClasses()
                .that()
                .resideOutsideOfPackage(STORE.feature("site"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(STORE.feature("site"))
                .check(STORE.classes());
    }

    @Test
    void theErrorBodyDependsOnNothingOfTheStore() {
        noClasses()
                .that()
                .resideInAPackage(STORE.feature("error"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STORE.featuresExcept("error"))
                .check(STORE.classes());
    }
}
