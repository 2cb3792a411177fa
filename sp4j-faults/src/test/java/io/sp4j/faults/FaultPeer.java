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
 * FaultPeer &lt;id&gt; &lt;PROTOCOL&gt; [reconnect=&lt;ms&gt;] [reconnect-max=&lt;ms&gt;] [resend=&lt;ms&gt;]
 * </pre>
 *
 * <p>It prints {@code ready} once its socket is open, then takes commands: {@code bind <url>} and
 * {@code connect <url>} (so a test can start both peers' JVMs side by side and still dial only once
 * the server listens: no reconnect backoff before the first connection); {@code start <interval
 * ms>}, for the sending roles (PUSH, PUB, REQ), sends numbered {@link FaultMessage}s until {@code
 * stop}. Receiving roles (PULL, SUB, REP) receive from the start. {@code quit} or the end of stdin
 * closes the socket and ends the process (so a peer never outlives the test that started it). The
 * lines it prints are in {@link PeerLine}.
 *
 * <p>It lives with the tests because it is a test fixture: the tests start it with their own class
 * path, and nothing outside this module needs it.
 */
public final class FaultPeer {
  /** A REQ gives up on a reply, and a PUSH on room to send, after this long. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private FaultPeer() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: FaultPeer <id> <PROTOCOL> [name=ms ...]");
      System.exit(2);
    }
    PeerOutput out = new PeerOutput();
    Protocol protocol = Protocol.valueOf(args[1].toUpperCase(Locale.ROOT));
    Socket socket = Socket.open(protocol);
    applyOptions(socket, Arrays.asList(args).subList(2, args.length));
    if (protocol == Protocol.SUB) {
      socket.set(Options.SUBSCRIBE, new byte[0]);
    }
    PeerTraffic traffic = new PeerTraffic(args[0], socket, out);
    if (!traffic.sends()) {
      traffic.startReceiving();
    }
    out.line(PeerLine.READY);
    follow(
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        socket,
        traffic,
        out);
    // No waiting for the sender: closing the socket wakes a send or receive blocked on a peer
    // that is gone, and the test waits for this process to end.
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
  private static void follow(BufferedReader in, Socket socket, PeerTraffic traffic, PeerOutput out)
      throws IOException {
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.trim().split(" ", -1);
      try {
        switch (words[0]) {
          case "bind" -> {
            socket.bind(words[1]);
            out.line(PeerLine.BOUND, words[1]);
          }
          case "connect" -> {
            socket.connect(words[1]);
            out.line(PeerLine.CONNECTING, words[1]);
          }
          case "start" -> traffic.startSending(Duration.ofMillis(Long.parseLong(words[1])));
          case "stop" -> traffic.stop();
          case "quit" -> {
            return;
          }
          default -> out.line(PeerLine.ERROR, "unknown command '" + line + "'");
        }
      } catch (RuntimeException e) {
        out.line(PeerLine.ERROR, "'" + line + "': " + e);
      }
    }
  }
}
