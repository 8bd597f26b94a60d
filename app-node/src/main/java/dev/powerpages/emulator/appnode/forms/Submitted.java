package dev.powerpages.emulator.appnode.forms;

import org.springframework.http.HttpStatus;

/**
 * What the node answers a form's post with: a redirect (the form's "On Success: Redirect", a multistep Redirect
 * step), or the page rendered again with the outcome, with this status.
 */
record Submitted(FormOutcome outcome, String redirect, HttpStatus status) {

    static Submitted render(FormOutcome outcome, HttpStatus status) {
        return new Submitted(outcome, null, status);
    }

    static Submitted redirect(String location) {
        return new Submitted(null, location, HttpStatus.FOUND);
    }
}
