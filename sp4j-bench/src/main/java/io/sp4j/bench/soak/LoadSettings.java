package io.sp4j.bench.soak;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The load's knobs, shared by the runner (which passes them on) and the processes that make the
 * load.
 */
final class LoadSettings {
  @Option(
      names = "--rate",
      defaultValue = "10",
      description =
          "Messages a second from each client socket that sends (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--server-rate",
      defaultValue = "20",
      description = "Messages a second from each server PUSH and PUB (default: ${DEFAULT-VALUE}).")
  double serverRate;

  @Option(
      names = "--survey-ms",
      defaultValue = "1000",
      description =
          "Milliseconds between surveys; each lasts half of it (default: ${DEFAULT-VALUE}).")
  long surveyMillis;

  @Option(
      names = "--clients",
      defaultValue = "3",
      description =
          "Client sockets per pattern and transport; PAIR always 1 (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--churn-ms",
      defaultValue = "2000",
      description = "Milliseconds between churn steps (default: ${DEFAULT-VALUE}).")
  long churnMillis;

  @Option(
      names = "--churn",
      defaultValue = "4",
      description =
          "Client sockets each churn step closes (half with LINGER 0) and replaces (default: ${DEFAULT-VALUE}).")
  int churn;

  @Option(
      names = "--raw-cuts",
      defaultValue = "2",
      description =
          "Raw connections each churn step drops mid-message or mid-handshake (default: ${DEFAULT-VALUE}).")
  int rawCuts;

  @Option(
      names = "--sample-seconds",
      defaultValue = "10",
      description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
  double sampleSeconds;

  /** How many client sockets of {@code pattern} each transport keeps. */
  int clientsOf(Pattern pattern) {
    return pattern == Pattern.PAIR ? 1 : clients;
  }

  /** The same settings as command-line arguments, for a child process. */
  List<String> args() {
    return List.of(
        "--rate",
        number(rate),
        "--server-rate",
        number(serverRate),
        "--survey-ms",
        Long.toString(surveyMillis),
        "--clients",
        Integer.toString(clients),
        "--churn-ms",
        Long.toString(churnMillis),
        "--churn",
        Integer.toString(churn),
        "--raw-cuts",
        Integer.toString(rawCuts),
        "--sample-seconds",
        number(sampleSeconds));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
