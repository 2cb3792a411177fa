package io.sp4j.bench.soak;

import java.util.Properties;

/** The report's setup section: what ran, how hard, with which flags, on what. */
final class ReportSetup {
  private ReportSetup() {}

  static String markdown(RunInfo info, Properties summary) {
    int clients = (int) info.number("clients");
    int perTransport = 0;
    for (Pattern pattern : Pattern.values()) {
      perTransport += pattern == Pattern.PAIR ? 1 : clients;
    }
    double churnSeconds = info.number("churn-ms") / 1000;
    double steps = 3600 / Math.max(1e-3, churnSeconds);
    double cycledPerHour = steps * (2 * info.number("churn") + info.number("raw-cuts"));
    StringBuilder md = new StringBuilder("## Setup\n\n| | |\n|---|---|\n");
    row(
        md,
        "load",
        Numbers.format(info.number("seconds") / 60)
            + " min once both processes were up (after "
            + Numbers.format(info.number("load-start-seconds"))
            + " s), the first "
            + Numbers.format(info.number("warmup-seconds") / 60)
            + " min of it counted as warm-up; a sample every "
            + Numbers.format(info.number("sample-seconds"))
            + " s");
    row(
        md,
        "patterns",
        "REQ/REP (the server's REP echoes; a REQ checks its reply), PUSH→PULL both ways (checksums),"
            + " PUB/SUB (SUBs take all, checksums), SURVEYOR/RESPONDENT (respondents echo; the surveyor checks),"
            + " BUS (a raw BUS in a loopback `Device` is the hub; members check checksums), PAIR (echo)");
    row(
        md,
        "transports",
        "tcp://127.0.0.1, ws://127.0.0.1, ipc:// (a temporary directory), wss://127.0.0.1"
            + " (a self-signed EC certificate made by keytool at start), inproc:// (inside the server process)");
    row(
        md,
        "client sockets",
        clients
            + " per pattern and transport (PAIR 1): "
            + perTransport
            + " per transport, "
            + perTransport * Transport.NETWORK.size()
            + " in the client process and "
            + perTransport
            + " inproc ones in the server");
    row(
        md,
        "rates",
        "each client socket that sends: "
            + Numbers.format(info.number("rate"))
            + " msg/s (REQ and PAIR:"
            + " one message out at a time); server PUSH and PUB: "
            + Numbers.format(info.number("server-rate"))
            + " msg/s each; a survey every "
            + Numbers.format(info.number("survey-ms"))
            + " ms");
    row(md, "sizes", SizeMix.DESCRIPTION);
    row(
        md,
        "churn",
        "every "
            + Numbers.format(churnSeconds)
            + " s, in the client process and again among the"
            + " inproc clients: "
            + Numbers.format(info.number("churn"))
            + " client sockets closed (half with their"
            + " linger, half with LINGER 0 right after queuing a 256 KiB message where the pattern lets the client"
            + " send) and replaced; in the client process also "
            + Numbers.format(info.number("raw-cuts"))
            + " raw connections to tcp, ipc, ws, wss listeners dropped mid-message or mid-handshake (half as resets)."
            + " About "
            + Numbers.count(cycledPerHour)
            + " connections made and dropped per hour");
    row(
        md,
        "server JVM",
        "`"
            + summary.getProperty("jvm.args", info.text("server-java-opts"))
            + "`, Java "
            + summary.getProperty("java.version", "?"));
    row(md, "client JVM", "`" + info.text("client-java-opts") + "`");
    row(
        md,
        "machine",
        info.text("nproc")
            + " processors (`nproc`), kernel "
            + info.text("kernel")
            + ", shared with other work");
    row(md, "code", info.text("label"));
    return md.append('\n').toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
