package io.sp4j.bench;

import io.sp4j.transport.netty.EventLoops;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * spperf: nanomsg's four perf tools ({@code perf/local_lat.c}, {@code remote_lat.c}, {@code
 * local_thr.c}, {@code remote_thr.c}) over sp4j, with the same arguments, PAIR socket, empty sync
 * message, timing and printed lines, so that it pairs with the C tools of {@code shared/bench} in
 * {@code run-matrix.sh} ({@code IMPL_java="bin/spperf "}).
 *
 * <pre>
 *   spperf local_lat  &lt;bind-to&gt;    &lt;msg-size&gt; &lt;roundtrips&gt;
 *   spperf remote_lat &lt;connect-to&gt; &lt;msg-size&gt; &lt;roundtrips&gt;
 *   spperf local_thr  &lt;bind-to&gt;    &lt;msg-size&gt; &lt;msg-count&gt;
 *   spperf remote_thr &lt;connect-to&gt; &lt;msg-size&gt; &lt;msg-count&gt;
 * </pre>
 *
 * Exit status as the C tools: 0 done, 1 usage, 3 a failed call (reported on stderr).
 */
public final class SpPerf {
  private SpPerf() {}

  public static void main(String[] args) {
    int status = run(args, System.out);
    System.out.flush();
    // The JVM's exit would wait 300 ms for the I/O threads in their native selector calls.
    EventLoops.endBeforeExit(Duration.ofMillis(500));
    System.exit(status);
  }

  /** Runs one tool; {@code args[0]} names it. Returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    if (args.length == 0) {
      return usage(out);
    }
    PerfTool tool = PerfTool.named(args[0]);
    if (tool == null) {
      return usage(out);
    }
    if (args.length != 4) {
      out.printf(Locale.ROOT, "usage: %s %s%n", tool.command(), tool.arguments());
      return 1;
    }
    try {
      tool.run(args[1], atoi(args[2]), atoi(args[3]), out);
      return 0;
    } catch (PerfTool.Failure f) {
      System.err.println(f.getMessage());
      System.err.flush();
      return 3;
    }
  }

  private static int usage(PrintStream out) {
    out.println("usage: spperf local_lat|remote_lat|local_thr|remote_thr <url> <size> <count>");
    for (PerfTool tool : PerfTool.values()) {
      out.printf(Locale.ROOT, "  spperf %s %s%n", tool.command(), tool.arguments());
    }
    return 1;
  }

  /** C's {@code atoi}: optional blanks and sign, then leading digits; anything else is 0. */
  static int atoi(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long value = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && value <= Integer.MAX_VALUE) {
      value = value * 10 + (s.charAt(i) - '0');
      i++;
    }
    value = negative ? -value : value;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }
}
