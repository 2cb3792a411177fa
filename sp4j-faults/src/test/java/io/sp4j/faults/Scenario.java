package io.sp4j.faults;

import io.sp4j.faults.Netns.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One fault test's world: the namespaces, a client peer that dials and sends, and the server peers
 * that bind and receive (one at a time; a vanished server's successor takes the same address).
 * Everything is torn down by {@link #close()}, pass or fail.
 */
final class Scenario implements AutoCloseable {
  static final Duration RECONNECT_INTERVAL = Duration.ofMillis(100);
  static final Duration RECONNECT_INTERVAL_MAX = Duration.ofSeconds(1);
  static final Duration RESEND_INTERVAL = Duration.ofMillis(500);

  /**
   * The client's pause between messages: a steady stream that is in flight whenever a fault hits.
   */
  private static final Duration SEND_INTERVAL = Duration.ofMillis(20);

  /** How long a peer's start or an expected recovery may take on a loaded two-core machine. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * Messages that must arrive before a fault, so that it hits an established, flowing connection.
   */
  private static final int WARM_UP = 5;

  private final Scheme scheme;
  private final Pattern pattern;
  private final Netns netns;
  private final List<Peer> servers = new ArrayList<>();
  private Peer client;

  private Scenario(Scheme scheme, Pattern pattern, Netns netns) {
    this.scheme = scheme;
    this.pattern = pattern;
    this.netns = netns;
  }

  /** New namespaces for a test (skipping it, with the reason, where they cannot be made). */
  static Scenario create(Scheme scheme, Pattern pattern) {
    Netns.assumeAvailable();
    return new Scenario(scheme, pattern, Netns.create());
  }

  Netns netns() {
    return netns;
  }

  /**
   * Starts both peers, connects the client and starts its stream; returns once the stream flows,
   * with the client's connection (its local port).
   */
  int startStream() {
    openPeers();
    connectClient();
    startTraffic();
    return clientConnection();
  }

  /**
   * Starts the server's and the client's processes side by side (their JVMs' start-up is most of a
   * peer's cost) and binds the server; the client waits for {@link #connectClient()}.
   */
  void openPeers() {
    Peer server = launchServer();
    Peer dialer = launchClient();
    server.awaitReady(PATIENCE);
    dialer.awaitReady(PATIENCE);
    bind(server);
  }

  /** The client starts dialing the server. */
  void connectClient() {
    client.command("connect " + scheme.url());
    client.await("connecting", line -> line.kind() == PeerLine.CONNECTING, PATIENCE);
  }

  /** Starts a server that takes the address of a vanished one; returns once it listens. */
  Peer startServer() {
    return bind(launchServer().awaitReady(PATIENCE));
  }

  Peer client() {
    return client;
  }

  /** The server running now. */
  Peer server() {
    return servers.get(servers.size() - 1);
  }

  /** Starts the client's stream and waits until it flows into the server. */
  void startTraffic() {
    client.command("start " + SEND_INTERVAL.toMillis());
    awaitArrivals(WARM_UP);
  }

  /** How many messages the server running now has received. */
  int arrivals() {
    return server().lines(PeerLine.GOT).size();
  }

  /** Waits until the server running now has received {@code count} messages. */
  void awaitArrivals(int count) {
    awaitTrue(server().id() + " receives " + count + " messages", () -> arrivals() >= count);
  }

  /** The client's one established connection to the server, by its local port. */
  int clientConnection() {
    return awaitThat(
        "the client's connection",
        () -> {
          List<Integer> ports = TcpTable.established(client.pid(), Scheme.PORT);
          return ports.size() == 1 ? Optional.of(ports.get(0)) : Optional.<Integer>empty();
        });
  }

  /** Whether the client is still connected through local port {@code port}. */
  boolean clientStillOn(int port) {
    return TcpTable.established(client.pid(), Scheme.PORT).contains(port);
  }

  /**
   * Waits for the client to have a connection other than the one on {@code oldPort}; returns when
   * seen.
   */
  long awaitNewConnection(int oldPort) {
    return awaitThat(
        "a new connection from the client",
        () -> {
          boolean fresh =
              TcpTable.established(client.pid(), Scheme.PORT).stream()
                  .anyMatch(port -> port != oldPort);
          return fresh ? Optional.of(System.nanoTime()) : Optional.<Long>empty();
        });
  }

  /**
   * How the client came back after a fault ended.
   *
   * @param firstArrival when the server's first message after the fault's end arrived
   * @param newConnection when a connection other than the old one was first seen, or -1 if the old
   *     connection carried the traffic on
   */
  record Recovery(long firstArrival, long newConnection) {
    boolean connectionKept() {
      return newConnection < 0;
    }
  }

  /**
   * Waits until messages arrive again after {@code since} (the end of a fault), noting on the way
   * when the client got a connection other than the one on {@code oldPort}; then waits for traffic
   * to flow ({@link #awaitFlowAfter}).
   */
  Recovery awaitRecovery(long since, int oldPort) {
    long[] newConnection = {-1};
    Peer server = server();
    awaitTrue(
        "messages after the fault",
        () -> {
          if (newConnection[0] < 0
              && TcpTable.established(client.pid(), Scheme.PORT).stream()
                  .anyMatch(port -> port != oldPort)) {
            newConnection[0] = System.nanoTime();
          }
          return server
              .first(line -> line.kind() == PeerLine.GOT && line.nanos() > since)
              .isPresent();
        });
    long firstArrival = awaitFlowAfter(since);
    if (newConnection[0] < 0 && !clientStillOn(oldPort)) {
      // Replaced between two polls: seen late, but seen.
      newConnection[0] = System.nanoTime();
    }
    return new Recovery(firstArrival, newConnection[0]);
  }

  /**
   * Waits until traffic flows again after {@code since}: a message the client sent after it has
   * reached the server. Returns when the server's first message after {@code since} arrived.
   */
  long awaitFlowAfter(long since) {
    PeerLog.Line sentAfter =
        client.await(
            "a message sent after the fault",
            line -> line.kind() == PeerLine.SENT && line.nanos() > since,
            PATIENCE);
    Peer server = server();
    server.await(
        "message " + sentAfter.seq(),
        line ->
            line.kind() == PeerLine.GOT
                && FaultMessage.parse(line.rest())
                    .map(record -> record.seq() >= sentAfter.seq())
                    .orElse(false),
        PATIENCE);
    return server
        .first(line -> line.kind() == PeerLine.GOT && line.nanos() > since)
        .orElseThrow()
        .nanos();
  }

  /**
   * Keeps a fault in place for {@code duration}. This is the one plain sleep: it waits for nothing,
   * it only lets the fault last.
   */
  static void hold(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while holding a fault", e);
    }
  }

  /**
   * Stops the client's stream, waits for its last message (a REQ: its last reply) to arrive, and
   * checks every delivery of the run ({@link Deliveries}).
   */
  Deliveries.Summary finish(boolean oneConnection) {
    client.command("stop");
    long last =
        client.await("its end of run", line -> line.kind() == PeerLine.STOPPED, PATIENCE).seq();
    if (pattern != Pattern.REQ_REP) {
      server()
          .await(
              "the last message, " + last,
              line ->
                  line.kind() == PeerLine.GOT
                      && FaultMessage.parse(line.rest())
                          .map(record -> record.seq() == last)
                          .orElse(false),
              PATIENCE);
    }
    return Deliveries.check(
        pattern, client.log(), servers.stream().map(Peer::log).toList(), oneConnection);
  }

  /** Prints one result line; the module's report quotes these numbers. */
  void report(String fault, String details) {
    System.out.printf("[faults] %s %s %s: %s%n", scheme, pattern, fault, details);
  }

  static long millis(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }

  @Override
  public void close() {
    List<Peer> all = new ArrayList<>(servers);
    if (client != null) {
      all.add(client);
    }
    // Every peer winds down at once; then each is waited for (and killed if it lingers).
    all.forEach(Peer::requestQuit);
    RuntimeException failure = null;
    for (Peer peer : all) {
      try {
        peer.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    netns.close();
    if (failure != null) {
      throw failure;
    }
  }

  private Peer launchServer() {
    Peer server =
        Peer.launch(
            netns.name(Side.SERVER), "s" + (servers.size() + 1), List.of(pattern.server().name()));
    servers.add(server);
    return server;
  }

  private Peer bind(Peer server) {
    server.command("bind " + scheme.url());
    server.await("bound", line -> line.kind() == PeerLine.BOUND, PATIENCE);
    return server;
  }

  private Peer launchClient() {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                pattern.client().name(),
                "reconnect=" + RECONNECT_INTERVAL.toMillis(),
                "reconnect-max=" + RECONNECT_INTERVAL_MAX.toMillis()));
    if (pattern == Pattern.REQ_REP) {
      arguments.add("resend=" + RESEND_INTERVAL.toMillis());
    }
    client = Peer.launch(netns.name(Side.CLIENT), "c", arguments);
    return client;
  }

  private void awaitTrue(String what, Supplier<Boolean> condition) {
    awaitThat(what, () -> condition.get() ? Optional.of(true) : Optional.<Boolean>empty());
  }

  private <T> T awaitThat(String what, Supplier<Optional<T>> value) {
    try {
      return Awaitility.await(what)
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(20))
          .until(value::get, Optional::isPresent)
          .orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage() + "; " + client.output() + "; " + server().output(), e);
    }
  }
}
