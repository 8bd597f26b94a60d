package dev.powerpages.emulator.appnode;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The repository's one test-naming rule (docs/architecture.md, "Tests"): a class with tests is named
 * {@code <Subject>Test}, which surefire runs ({@code *IT} is failsafe's, in stack-tests). The app node's tests were
 * the {@code *Tests} exception until they were renamed; this keeps a new one from bringing it back.
 */
class TestNamingTest {

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("dev.powerpages.emulator.appnode");

    @Test
    void everyTestMethodLivesInAClassNamedForItsSubjectAndEndingInTest() {
        methods()
                .that()
                .areAnnotatedWith(Test.class)
                .or()
                .areAnnotatedWith(ParameterizedTest.class)
                .or()
                .areAnnotatedWith(TestFactory.class)
                .should()
                .beDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Test")
                .check(TESTS);
    }
}
