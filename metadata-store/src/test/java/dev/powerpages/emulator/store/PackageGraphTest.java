package dev.powerpages.emulator.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the store's package graph as docs/architecture.md draws it: no cycles, and the storage layers
 * (schema, odata, data) below the environments, which are below the features and the Web API.
 */
class PackageGraphTest {

    private static final String STORE = "dev.powerpages.emulator.store";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Not the classes Spring AOT's process-aot (the package phase) generates into target/classes: its
                // bean definitions (Foo__BeanDefinitions, the application's __BeanFactoryRegistrations) and proxies
                // ($$SpringCGLIB$$) call every package by design; the graph is the sources'.
                .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
                .importPackages(STORE);
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching(STORE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSchemaDependsOnNoOtherPackageOfTheStore() {
        noClasses()
                .that()
                .resideInAPackage(STORE + ".schema..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("schema"))
                .check(classes);
    }

    @Test
    void queriesAndRowsSitBelowTheEnvironments() {
        noClasses()
                .that()
                .resideInAnyPackage(STORE + ".odata..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("odata", "schema"))
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(STORE + ".data..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("data", "odata", "schema"))
                .check(classes);
    }

    @Test
    void environmentsDoNotKnowTheFeaturesThatPrepareThem() {
        noClasses()
                .that()
                .resideInAPackage(STORE + ".environment..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        STORE + ".auth..",
                        STORE + ".seed..",
                        STORE + ".site..",
                        STORE + ".webapi..",
                        STORE + ".enhanced..",
                        STORE + ".relationship..",
                        STORE + ".chaos..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheWebApiOrTheSiteImport() {
        noClasses()
                .that()
                .resideOutsideOfPackage(STORE + ".webapi..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(STORE + ".webapi..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(STORE + ".site..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(STORE + ".site..")
                .check(classes);
    }

    @Test
    void theErrorBodyDependsOnNothingOfTheStore() {
        noClasses()
                .that()
                .resideInAPackage(STORE + ".error..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("error"))
                .check(classes);
    }

    /** The store's feature packages other than the given ones (the root package's properties may be read by any). */
    private static String[] packagesExcept(String... allowed) {
        Set<String> allowedSet = Set.of(allowed);
        return classes.stream()
                .map(javaClass -> javaClass.getPackageName())
                .filter(name -> name.startsWith(STORE + "."))
                .map(name -> name.substring(STORE.length() + 1).split("\\.")[0])
                .distinct()
                .filter(name -> !allowedSet.contains(name))
                .map(name -> STORE + "." + name + "..")
                .toArray(String[]::new);
    }
}
