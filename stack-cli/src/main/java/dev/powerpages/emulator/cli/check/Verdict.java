package dev.powerpages.emulator.cli.check;

import java.util.List;

/**
 * The classification of one answer.
 *
 * @param outcome     what it counts as
 * @param why         for anything but a plain success, what a reader needs to fix it (status, template, line, message)
 * @param notEmulated the features the page's HTML names as not emulated (the app node's comments), once per use
 */
public record Verdict(Outcome outcome, String why, List<String> notEmulated) {

    static Verdict of(Outcome outcome, String why) {
        return new Verdict(outcome, why, List.of());
    }
}
