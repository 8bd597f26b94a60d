package dev.powerpages.emulator.waf.policy;

import java.util.List;

/** A policy change that breaks Front Door's rules; answered with 400 and every problem found. */
public class InvalidPolicyException extends RuntimeException {

    private final List<String> problems;

    public InvalidPolicyException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
