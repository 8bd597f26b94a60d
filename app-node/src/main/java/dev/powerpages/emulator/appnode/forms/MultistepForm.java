package dev.powerpages.emulator.appnode.forms;

import java.util.Map;

/**
 * A multistep (advanced) form ({@code adx_webform}) and its steps ({@code adx_webformstep}).
 *
 * @param startStepId {@code adx_startstep}
 */
public record MultistepForm(
        String id, String name, String startStepId, boolean authenticationRequired, Map<String, Step> steps) {

    /**
     * One step. {@code type}: 100000000 Condition, 100000001 Load Form, 100000002 Load Tab, 100000003 Redirect,
     * 100000004 Load User Control. {@code settings} holds what a Load Form / Load Tab step shares with a basic form
     * (table, mode, record source, metadata, success message, redirect).
     */
    public record Step(
            String id,
            String title,
            int type,
            FormSettings settings,
            String nextStepId,
            String conditionFalseStepId,
            boolean movePreviousPermitted,
            String nextButtonText,
            String previousButtonText) {

        public static final int CONDITION = 100000000;
        public static final int LOAD_FORM = 100000001;
        public static final int LOAD_TAB = 100000002;
        public static final int REDIRECT = 100000003;
        public static final int LOAD_USER_CONTROL = 100000004;

        public boolean last() {
            return nextStepId == null;
        }
    }
}
