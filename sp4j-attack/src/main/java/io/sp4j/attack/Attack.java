package io.sp4j.attack;

import java.time.Duration;
import java.util.Map;

/**
 * One kind of hostile peer behaviour against one target address. Bounded in count and time by its
 * parameters, so that the same class serves a short test and the long bench run.
 *
 * <p>The life of an attack: {@link #launch()} returns once it is at its peak (every connection
 * made, a flood under way); {@link #awaitEnd(Duration)} lets it run its course; {@link #close()}
 * ends whatever is left. {@link #results()} tells what it did, for reports and assertions.
 */
public interface Attack extends AutoCloseable {
  /** A short name for reports, e.g. {@code slow-max-size}. */
  String name();

  /** Starts the attack; returns when it is at its peak. */
  void launch() throws Exception;

  /**
   * Lets the attack run its course, at most {@code max}: a flood until its time is up, held
   * connections until the server has closed every one of them. An attack that runs whole in {@link
   * #launch()} (cycles, killed peers) has nothing left to wait for.
   *
   * @return whether it ended by itself within {@code max}
   */
  default boolean awaitEnd(Duration max) throws Exception {
    return true;
  }

  /** What it did so far: counts and times, in the order to print them. */
  Map<String, Object> results();

  /** Ends it: closes every connection it holds and every process it started. Idempotent. */
  @Override
  void close();
}
