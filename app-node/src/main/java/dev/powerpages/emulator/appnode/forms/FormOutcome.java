package dev.powerpages.emulator.appnode.forms;

import java.util.List;
import java.util.Map;

/**
 * What a post of a form came to, handed to the page render that answers it (a request attribute, which the render
 * thread sees): the values the visitor sent (shown again), the validation messages, or the success message. Power
 * Pages answers a form's post back by rendering the same page, as ASP.NET Web Forms do.
 *
 * @param formKey  which form on the page posted ({@code entityform:<id>}, {@code webform:<id>})
 * @param state    a multistep form's signed progress after the post (the step to show now)
 */
public record FormOutcome(
        String formKey, Map<String, String> values, List<Message> errors, String success, String state) {

    public static final String ATTRIBUTE = FormOutcome.class.getName();

    /** A validation message and the field it is about ({@code null}: the form as a whole). */
    public record Message(String field, String text) {}

    public boolean succeeded() {
        return success != null;
    }
}
