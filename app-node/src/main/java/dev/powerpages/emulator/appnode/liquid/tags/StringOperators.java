package dev.powerpages.emulator.appnode.liquid.tags;

import java.util.AbstractMap;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Power Pages' {@code startswith} and {@code endswith} condition operators ("Understand Liquid operators"), which
 * liqp's expressions lack: {@code PowerPagesLiquidSyntax} writes {@code a startswith b} as the lookup
 * {@code __pp_operators.startswith[a][b]}, which this object answers — the operator, then the subject, then the
 * argument, each a map lookup liqp can evaluate inside any condition. nil on either side is false.
 */
final class StringOperators extends LookupMap {

    static final StringOperators INSTANCE = new StringOperators();

    @Override
    public Object get(Object operator) {
        BiPredicate<String, String> test = switch (String.valueOf(operator)) {
            case "startswith" -> String::startsWith;
            case "endswith" -> String::endsWith;
            default -> null;
        };
        return test == null ? null : new Subject(test);
    }

    private static final class Subject extends LookupMap {

        private final BiPredicate<String, String> test;

        Subject(BiPredicate<String, String> test) {
            this.test = test;
        }

        @Override
        public Object get(Object subject) {
            return subject == null ? null : new Argument(test, subject.toString());
        }
    }

    private static final class Argument extends LookupMap {

        private final BiPredicate<String, String> test;
        private final String subject;

        Argument(BiPredicate<String, String> test, String subject) {
            this.test = test;
            this.subject = subject;
        }

        @Override
        public Object get(Object argument) {
            return argument != null && test.test(subject, argument.toString());
        }
    }
}

/** A map that computes its values on lookup (liqp looks members up with {@code containsKey} and {@code get}). */
abstract class LookupMap extends AbstractMap<String, Object> {

    @Override
    public boolean containsKey(Object key) {
        return true;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Set.of();
    }
}
