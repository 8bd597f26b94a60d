package dev.powerpages.emulator.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link PowerPagesStackTest}: one stack per test class, kept in the
 * class's extension store so JUnit closes it when the class is done (stores close the
 * {@link AutoCloseable} values they hold).
 */
public final class PowerPagesStackExtension implements BeforeAllCallback, ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PowerPagesStackExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        StackMode mode = mode(classContext(context));
        if (mode == StackMode.CONTAINERS && !ContainerStackRuntime.dockerAvailable()) {
            return ConditionEvaluationResult.disabled("Docker is not available for the containers mode");
        }
        return ConditionEvaluationResult.enabled("the stack runs as " + mode);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PowerPagesStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack(extensionContext);
    }

    /** Started lazily so that constructor injection (created before beforeAll) finds it too. */
    private static PowerPagesStack stack(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        classContext.getRequiredTestClass(),
                        testClass -> PowerPagesStack.start(
                                mode(classContext), siteFolder(classContext), instances(classContext)),
                        PowerPagesStack.class);
    }

    /** The outermost class context that carries the annotation, so that nested classes share its stack. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext found = null;
        for (ExtensionContext current = context;
                current != null;
                current = current.getParent().orElse(null)) {
            if (current.getTestClass().isPresent()
                    && current.getTestMethod().isEmpty()
                    && AnnotationSupport.isAnnotated(current.getTestClass(), PowerPagesStackTest.class)) {
                found = current;
            }
        }
        return found != null ? found : context;
    }

    private static java.nio.file.Path siteFolder(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getTestClass(), PowerPagesStackTest.class)
                .map(PowerPagesStackTest::siteFolder)
                .filter(folder -> !folder.isBlank())
                .map(java.nio.file.Path::of)
                .orElse(null);
    }

    private static int instances(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getTestClass(), PowerPagesStackTest.class)
                .map(PowerPagesStackTest::instances)
                .orElse(1);
    }

    private static StackMode mode(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getTestClass(), PowerPagesStackTest.class)
                .map(PowerPagesStackTest::mode)
                .orElse(StackMode.DEFAULT)
                .resolve();
    }
}
