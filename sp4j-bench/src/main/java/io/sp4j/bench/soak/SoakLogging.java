package io.sp4j.bench.soak;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets sp4j's refusal lines through to the server's log, the DEBUG ones too (a peer breaking the
 * rules), so that a refusal counted in the samples can be traced to its reason and peer. sp4j
 * rate-limits them (one line per reason and socket every ten seconds).
 */
final class SoakLogging {
  /** Held so that the configured logger is not collected and its level forgotten. */
  private static Logger sp4j;

  private SoakLogging() {}

  static synchronized void showRefusals() {
    sp4j = Logger.getLogger("io.sp4j");
    sp4j.setLevel(Level.FINE);
    ConsoleHandler handler = new ConsoleHandler(); // stderr: the process's log
    handler.setLevel(Level.FINE);
    sp4j.addHandler(handler);
    sp4j.setUseParentHandlers(false);
  }
}
