package dev.powerpages.emulator.appnode;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.powerpages.emulator.appnode.forms.FormPosts;
import dev.powerpages.emulator.support.architecture.ModuleClasses;
import org.junit.jupiter.api.Test;

/**
 * Keeps the app node's package graph as docs/architecture.md draws it: no cycles; the page renderer on top,
 * the Liquid features under it, the shared Liquid parts under those, and the site model and store client at
 * the bottom.
 */
class PackageGraphTest {

    private static final ModuleClasses NODE = ModuleClasses.of("dev.powerpages.emulator.appnode");

    @Test
    void featurePackagesFormNoCycle() {
        NODE.checkFeaturePackagesFormNoCycle();
    }

    /** A form's post answers with its page rendered again (validation summary, success message): the one way up. */
    @Test
    void nothingBelowThePageRendererDependsOnIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage(NODE.feature("render"))
                .and()
                .doNotBelongToAnyOf(FormPosts.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(NODE.feature("render"))
                .check(NODE.classes());
    }

    @Test
    void theSharedLiquidPartsKnowNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(NODE.feature("liquid"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        NODE.featuresExcept("liquid", "limits", "security", "report", "signin", "site", "store"))
                .check(NODE.classes());
    }

    @Test
    void theSiteModelAndTheStoreClientSitAtTheBottom() {
        noClasses()
                .that()
                .resideInAPackage(NODE.feature("site"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(NODE.featuresExcept("site", "store", "node", "chaos"))
                .check(NODE.classes());
        noClasses()
                .that()
                .resideInAPackage(NODE.feature("store"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(NODE.featuresExcept("store", "node", "chaos"))
                .check(NODE.classes());
    }

    @Test
    void nothingDependsOnTheNodesServiceEndpoints() {
        noClasses()
                .that()
                .resideOutsideOfPackage(NODE.feature("services"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(NODE.feature("services"))
                .check(NODE.classes());
    }
}
