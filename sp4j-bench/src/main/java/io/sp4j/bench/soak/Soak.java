package io.sp4j.bench.soak;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The soak: an hour (by default) of every pattern over every transport with reconnect churn, while
 * the server process records its heap, direct memory, fds and threads, so that one can see they
 * stay flat (bench/soak.sh runs it).
 *
 * <pre>
 *   soak run [--seconds 3600] [--warmup-seconds 300] [--work DIR] [--report PATH] [load knobs]
 *   soak report --work DIR --report PATH
 *   soak server | client ...   (the two processes 'run' starts)
 * </pre>
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    subcommands = {SoakRun.class, SoakReportCommand.class, SoakServer.class, SoakClient.class},
    description =
        "Mixed load with churn, with the server's memory, fds and threads sampled; then a report.")
public final class Soak implements Runnable {
  private Soak() {}

  public static void main(String[] args) {
    int status = execute(args, System.out);
    System.exit(status);
  }

  /** Runs a command; returns its exit status (0 done, 1 failed, 2 usage). */
  public static int execute(String[] args, PrintStream out) {
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    return new CommandLine(new Soak()).setOut(writer).setErr(writer).execute(args);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
