package dev.powerpages.emulator.waf;

import java.util.List;

/**
 * The WAF's answer for one request.
 *
 * @param decision what the policy says to do (before Detection mode turns Block into Log)
 * @param anomalyScore the Default Rule Set's summed score
 */
public record Verdict(Decision decision, List<Finding> findings, int anomalyScore) {

    public enum Decision {

        /** No rule asked for anything: forward the request. */
        PASS,

        /** A custom Allow rule matched: forward without further inspection. */
        ALLOW,

        BLOCK,

        REDIRECT
    }

    public boolean stops() {
        return decision == Decision.BLOCK || decision == Decision.REDIRECT;
    }
}
