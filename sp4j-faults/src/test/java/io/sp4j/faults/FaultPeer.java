package io.sp4j.faults;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fault-test peer: one sp4j socket in its own process (the tests run it inside a network
 * namespace), driven by line commands on stdin and reporting on stdout.
 *
 * <pre>
 * FaultPeer &lt;id&gt; &lt;PROTOCOL&gt; bind|connect &lt;url&gt; [reconnect=&lt;ms&gt;] [reconnect-max=&lt;ms&gt;] [resend=&lt;ms&gt;]
 * </pre>
 *
 * <p>It prints {@code ready} once bound or connecting. Receiving roles (PULL, SUB, REP) start at
 * once; sending roles (PUSH, PUB, REQ) wait for {@code start <interval ms>} and send numbered
 * {@link Record}s until {@code stop}. {@code quit} or the end of stdin closes the socket and ends
 * the process (so a peer never outlives the test that started it). The lines it prints are in
 * {@link PeerLine}.
 *
 * <p>It lives with the tests because it is a test fixture: the tests start it with their own
 * class path, and nothing outside this module needs it.
 */
public final class FaultPeer {
  /** A REQ gives up on a reply, and a PUSH on room to send, after this long. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private FaultPeer() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: FaultPeer <id> <PROTOCOL> bind|connect <url> [name=ms ...]");
      System.exit(2);
    }
    PeerOutput out = new PeerOutput();
    String id = args[0];
    Protocol protocol = Protocol.valueOf(args[1].toUpperCase(Locale.ROOT));
    Socket socket = Socket.open(protocol);
    applyOptions(socket, Arrays.asList(args).subList(4, args.length));
    if (protocol == Protocol.SUB) {
      socket.set(Options.SUBSCRIBE, new byte[0]);
    }
    switch (args[2]) {
      case "bind" -> socket.bind(args[3]);
      case "connect" -> socket.connect(args[3]);
      default -> throw new IllegalArgumentException("bind or connect, got " + args[2]);
    }
    PeerTraffic traffic = new PeerTraffic(id, socket, out);
    out.line(PeerLine.READY);
    if (!traffic.sends()) {
      traffic.startReceiving();
    }
    follow(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), traffic, out);
    traffic.stop();
    socket.close();
    // Netty's event-loop threads would keep the process alive.
    System.exit(0);
  }

  private static void applyOptions(Socket socket, List<String> options) {
    socket.set(Options.LINGER, Duration.ofMillis(200));
    if (socket.protocol() == Protocol.REQ) {
      socket.set(Options.RECEIVE_TIMEOUT, PATIENCE);
    }
    if (socket.protocol() == Protocol.PUSH) {
      socket.set(Options.SEND_TIMEOUT, PATIENCE);
    }
    for (String option : options) {
      int eq = option.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("options are name=milliseconds, got " + option);
      }
      Duration value = Duration.ofMillis(Long.parseLong(option.substring(eq + 1)));
      switch (option.substring(0, eq)) {
        case "reconnect" -> socket.set(Options.RECONNECT_INTERVAL, value);
        case "reconnect-max" -> socket.set(Options.RECONNECT_INTERVAL_MAX, value);
        case "resend" -> socket.set(Options.RESEND_INTERVAL, value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
  }

  /** Runs the commands on stdin until {@code quit} or its end. */
  private static void follow(BufferedReader in, PeerTraffic traffic, PeerOutput out) throws IOException {
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "start" -> traffic.startSending(Duration.ofMillis(Long.parseLong(words[1])));
        case "stop" -> traffic.stop();
        case "quit" -> {
          return;
        }
        default -> out.line(PeerLine.ERROR, "unknown command '" + line + "'");
      }
    }
  }
}
