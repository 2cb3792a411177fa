package io.sp4j.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child process's line to the runner: words on stdout ({@code ready}, {@code done}), commands on
 * stdin ({@code stop}, {@code quit}). The end of stdin means the runner is gone, and the child ends
 * too, so that no process outlives a killed runner.
 */
final class RunnerLink {
  private final BufferedReader in =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  void say(String word) {
    System.out.println(word);
    System.out.flush();
  }

  /** Waits for the command {@code word}; false if stdin ended first. */
  boolean await(String word) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.trim().equals(word)) {
        return true;
      }
    }
    return false;
  }
}
