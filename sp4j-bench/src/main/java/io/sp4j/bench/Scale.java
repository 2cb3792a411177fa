package io.sp4j.bench;

import io.sp4j.bench.scale.Fanout;
import io.sp4j.bench.scale.Idle;
import io.sp4j.bench.scale.Roles;
import io.sp4j.bench.scale.ScaleOptions;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The scale runner (bench/scale.sh): sp4j beside nanomsg with many ws:// peers on one socket.
 *
 * <pre>
 *   scale fanout [--subs 1000] [--messages 20000] [--size 64] [--nn PATH] [--settle-ms 1000]
 *   scale idle   [--conns 10000] [--batch 500] [--nn PATH] [--settle-ms 2000]
 *   scale all    (both, with the options of both)
 * </pre>
 *
 * <p>{@link Fanout} and {@link Idle} say what each measurement does. The roles they start as child
 * JVMs ({@link Roles}: {@code pub}, {@code subs}, {@code pull}, {@code dial}) can also be run
 * through this class. Benchmarks are not tests: nothing here fails on a slow or large result.
 */
public final class Scale {
  private Scale() {}

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out);
    System.out.flush();
    System.exit(status);
  }

  /** Runs a command or a role; returns the exit status (0 done, 1 usage, 3 failure). */
  public static int run(String[] args, PrintStream out) throws Exception {
    if (args.length == 0) {
      return usage(out);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "fanout" -> Fanout.run(new ScaleOptions(rest), out);
      case "idle" -> Idle.run(new ScaleOptions(rest), out);
      case "all" -> {
        ScaleOptions options = new ScaleOptions(rest);
        Fanout.run(options, out);
        Idle.run(options, out);
      }
      default -> {
        return Roles.isRole(args[0]) && Roles.run(args[0], rest) ? 0 : usage(out);
      }
    }
    return 0;
  }

  private static int usage(PrintStream out) {
    out.println(
        "usage: scale fanout|idle|all [--subs N] [--messages N] [--size B] [--conns N]"
            + " [--batch N] [--nn PATH-to-nn-scale] [--settle-ms MS]");
    return 1;
  }
}
