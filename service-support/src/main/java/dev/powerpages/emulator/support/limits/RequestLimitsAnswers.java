package dev.powerpages.emulator.support.limits;

/**
 * A servlet service's side of its request limits: how the refusals name the service, which paths take JSON bodies
 * only, and the refusals themselves ({@link RejectionWriter}). Declaring one as a bean is all a service does: the
 * starter ({@link dev.powerpages.emulator.support.servlet.ServletSupportAutoConfiguration}) registers the
 * {@link RequestLimitsFilter} with it.
 */
public interface RequestLimitsAnswers extends RejectionWriter {

    /** How the messages name the service, as in "…; {@code this node} accepts at most 8192." */
    String self();

    /** Whether the path's bodies must be JSON: any other body there gets 415. */
    boolean jsonOnly(String path);
}
