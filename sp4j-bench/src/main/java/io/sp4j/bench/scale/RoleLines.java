package io.sp4j.bench.scale;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A role's side of the line protocol: commands from stdin, answers to stdout. */
final class RoleLines {
  private RoleLines() {}

  /** What a role does with one command line. */
  interface Command {
    void run(String line) throws Exception;
  }

  /** Hands each command line to {@code command} until "quit" or the end of stdin. */
  static void untilQuit(Command command) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !line.startsWith("quit")) {
      command.run(line);
    }
  }

  static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
