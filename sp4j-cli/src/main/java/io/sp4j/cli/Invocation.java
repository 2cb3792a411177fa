package io.sp4j.cli;

/** What a command line asks for: help, or a socket to run. */
sealed interface Invocation {

  /** Print {@code text} on stdout and exit 0. */
  record Help(String text) implements Invocation {}

  /** Open a socket and run its loop. */
  record Run(Settings settings) implements Invocation {}
}
