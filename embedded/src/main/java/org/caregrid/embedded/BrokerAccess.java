package org.caregrid.embedded;

/**
 * Who may log in to the embedded broker and what each login may do. The demo gives the broker the
 * same accounts and rules that production's Mosquitto gets (docs/decisions/0013); tests that want
 * an open broker start it without one.
 */
public interface BrokerAccess {
  /** Whether {@code user} may log in with {@code password} (the bytes of the CONNECT packet). */
  boolean login(String user, byte[] password);

  /** Whether {@code user}, logged in, may publish to {@code topic}. */
  boolean mayPublish(String user, String topic);

  /**
   * Whether {@code user}, logged in, may subscribe to {@code filter}, as sent (a shared
   * subscription's {@code $share/group/} included); everything it may subscribe to it may read.
   */
  boolean maySubscribe(String user, String filter);
}
