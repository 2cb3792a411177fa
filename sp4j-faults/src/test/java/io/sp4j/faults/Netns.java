package io.sp4j.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Assumptions;

/**
 * Two fresh network namespaces, a client's and a server's, joined by a veth pair with IPv4
 * link-local addresses ({@value #CLIENT_ADDRESS} and {@value #SERVER_ADDRESS}), and the faults the
 * tests put between them. Nothing is added to the root namespace: the veth ends are created inside
 * the two namespaces, and all traffic stays between them. {@link #close()} deletes both namespaces
 * (which removes the veth pair) after killing whatever still runs inside.
 *
 * <p>Faults are nftables rules in one namespace's table {@value #TABLE}, matched on its veth end,
 * so the namespace's loopback is never touched.
 */
final class Netns implements AutoCloseable {
  static final String PREFIX = "sp4jf-";
  static final String CLIENT_ADDRESS = "169.254.77.1";
  static final String SERVER_ADDRESS = "169.254.77.2";
  private static final String TABLE = "sp4jf";
  private static final AtomicInteger CREATED = new AtomicInteger();

  /**
   * Namespaces not yet deleted: a JVM that ends before a test's own cleanup deletes them on its way
   * out.
   */
  private static final Set<Netns> OPEN = ConcurrentHashMap.newKeySet();

  private static final long PID = ProcessHandle.current().pid();

  /** Why namespaces cannot be made here (empty: they can); found once per JVM. */
  private static Optional<String> unavailable;

  /** One end of the pair. */
  enum Side {
    CLIENT("c", CLIENT_ADDRESS),
    SERVER("s", SERVER_ADDRESS);

    private final String suffix;
    private final String address;

    Side(String suffix, String address) {
      this.suffix = suffix;
      this.address = address;
    }

    /** The veth end inside this side's namespace (names are per namespace, so fixed ones do). */
    String veth() {
      return "veth-" + suffix;
    }

    String address() {
      return address;
    }
  }

  private final String base;
  private boolean closed;

  private Netns(String base) {
    this.base = base;
  }

  /**
   * Skips the calling test, with the reason, when namespaces cannot be made here (not root, no
   * {@code ip} or {@code nft}). The first call also removes what earlier runs left behind.
   */
  static synchronized void assumeAvailable() {
    if (unavailable == null) {
      unavailable = probe();
      if (unavailable.isEmpty()) {
        removeLeftovers();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> OPEN.forEach(Netns::close), "netns-cleanup"));
      } else {
        // Surefire's console counts skipped tests without their reason: say it once, plainly.
        System.out.println("[faults] every fault test is skipped: " + unavailable.get());
      }
    }
    Assumptions.assumeTrue(
        unavailable.isEmpty(),
        () -> "fault tests skipped: network namespaces unavailable: " + unavailable.orElse(""));
  }

  /** Makes the two namespaces, the veth pair, the addresses, and brings every link up. */
  static Netns create() {
    Netns netns = new Netns(PREFIX + PID + "-" + CREATED.incrementAndGet());
    OPEN.add(netns);
    try {
      for (Side side : Side.values()) {
        ip("netns", "add", netns.name(side));
      }
      ip(
          "link",
          "add",
          Side.CLIENT.veth(),
          "netns",
          netns.name(Side.CLIENT),
          "type",
          "veth",
          "peer",
          "name",
          Side.SERVER.veth(),
          "netns",
          netns.name(Side.SERVER));
      for (Side side : Side.values()) {
        ip("-n", netns.name(side), "link", "set", "lo", "up");
        ip("-n", netns.name(side), "addr", "add", side.address() + "/30", "dev", side.veth());
        ip("-n", netns.name(side), "link", "set", side.veth(), "up");
      }
      return netns;
    } catch (RuntimeException e) {
      netns.close();
      throw e;
    }
  }

  /** The namespace of {@code side}. */
  String name(Side side) {
    return base + "-" + side.suffix;
  }

  /**
   * Takes the client's veth end down. Nothing crosses in either direction (the server's end loses
   * its carrier), and the client's route to the server goes away, so its connection attempts fail
   * at once and its reconnect backoff, not TCP's SYN backoff, sets the pace.
   */
  void cut() {
    ip("-n", name(Side.CLIENT), "link", "set", Side.CLIENT.veth(), "down");
  }

  /** Brings the client's veth end back up (IPv4 puts its address's route back). */
  void restore() {
    ip("-n", name(Side.CLIENT), "link", "set", Side.CLIENT.veth(), "up");
  }

  /** Drops {@code percent} % of the packets entering and, independently, leaving {@code side}. */
  void loss(Side side, int percent) {
    if (percent < 1 || percent > 99) {
      throw new IllegalArgumentException("percent: 1 to 99, got " + percent);
    }
    rules(side, "numgen random mod 100 < " + percent + " drop");
  }

  /**
   * Drops every packet entering or leaving {@code side}: a process killed there vanishes, since its
   * kernel's FIN or RST never arrives.
   */
  void blackhole(Side side) {
    rules(side, "drop");
  }

  /**
   * Destroys {@code side}'s TCP connections to the other side in its kernel (SOCK_DESTROY, as
   * {@code ss -K} does), as a host that crashed forgets them. Without this a killed process's
   * kernel keeps each connection as an orphan that retransmits its FIN, and answers data with RST,
   * once packets pass again. Run it under {@link #blackhole}: the RST it sends must not arrive
   * either.
   */
  void forgetConnections(Side side) {
    Side other = side == Side.CLIENT ? Side.SERVER : Side.CLIENT;
    Command.run(
            List.of("ip", "netns", "exec", name(side), "ss", "-K", "-t", "dst", other.address()),
            "")
        .orThrow();
  }

  /** Removes the faults of {@code side}. */
  void clear(Side side) {
    nft(side, "add table inet " + TABLE + "\ndelete table inet " + TABLE + "\n");
  }

  /** Kills what still runs in the namespaces and deletes them; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Side side : Side.values()) {
      delete(name(side));
    }
    OPEN.remove(this);
  }

  /**
   * Replaces {@code side}'s table with one whose input and output chains count the veth's packets,
   * then apply {@code verdict} (counting what it matches).
   */
  private void rules(Side side, String verdict) {
    StringBuilder script =
        new StringBuilder("add table inet " + TABLE + "\ndelete table inet " + TABLE + "\n")
            .append("table inet ")
            .append(TABLE)
            .append(" {\n");
    for (String[] hook : new String[][] {{"input", "iifname"}, {"output", "oifname"}}) {
      String match = hook[1] + " \"" + side.veth() + "\" ";
      script
          .append("  chain ")
          .append(hook[0])
          .append(" { type filter hook ")
          .append(hook[0])
          .append(" priority 0; policy accept; ")
          .append(match)
          .append("counter; ")
          .append(match)
          .append(verdict.replace("drop", "counter drop"))
          .append("; }\n");
    }
    nft(side, script.append("}\n").toString());
  }

  /** Packets seen on {@code side}'s veth and dropped there since its fault was put in place. */
  record Drops(long seen, long dropped) {
    @Override
    public String toString() {
      return dropped
          + " of "
          + seen
          + " packets dropped ("
          + (seen == 0 ? 0 : 100 * dropped / seen)
          + " %)";
    }
  }

  /** The counts of {@code side}'s fault so far (its chains list a total, then the drops). */
  Drops drops(Side side) {
    String listing =
        Command.run(
                List.of("ip", "netns", "exec", name(side), "nft", "list", "table", "inet", TABLE),
                "")
            .orThrow()
            .stdout();
    Matcher counter = java.util.regex.Pattern.compile("counter packets (\\d+)").matcher(listing);
    long seen = 0;
    long dropped = 0;
    for (int i = 0; counter.find(); i++) {
      long packets = Long.parseLong(counter.group(1));
      if (i % 2 == 0) {
        seen += packets;
      } else {
        dropped += packets;
      }
    }
    return new Drops(seen, dropped);
  }

  /** Runs an nft script in {@code side}'s namespace, as one transaction. */
  private void nft(Side side, String script) {
    Command.run(List.of("ip", "netns", "exec", name(side), "nft", "-f", "-"), script).orThrow();
  }

  private static void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Command.run(command, "").orThrow();
  }

  /** Kills the processes left in {@code name} and deletes it; quiet if it is already gone. */
  private static void delete(String name) {
    for (String pid : Command.run("ip", "netns", "pids", name).stdout().split("\\s+", -1)) {
      if (!pid.isEmpty()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    Command.run("ip", "netns", "del", name);
  }

  /** Empty if a namespace can be made and nft runs in it; otherwise why not. */
  private static Optional<String> probe() {
    for (String tool : List.of("ip", "ss")) {
      Command.Result version = Command.run(tool, "-V");
      if (!version.ok()) {
        return Optional.of("'" + tool + "' (iproute2) does not run: " + version.stderr().strip());
      }
    }
    String name = PREFIX + PID + "-probe";
    Command.Result add = Command.run("ip", "netns", "add", name);
    if (!add.ok()) {
      return Optional.of("'ip netns add' failed (the tests need root): " + add.stderr().strip());
    }
    try {
      Command.Result nft =
          Command.run(
              List.of("ip", "netns", "exec", name, "nft", "-f", "-"),
              "add table inet " + TABLE + "\n");
      return nft.ok()
          ? Optional.empty()
          : Optional.of("'nft' (nftables) does not run in a namespace: " + nft.stderr().strip());
    } finally {
      Command.run("ip", "netns", "del", name);
    }
  }

  /** Deletes namespaces with this prefix whose creating JVM is gone (a run that was killed). */
  private static void removeLeftovers() {
    for (String line : Command.run("ip", "netns", "list").stdout().split("\n", -1)) {
      String name = line.split(" ", -1)[0];
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      String[] parts = name.substring(PREFIX.length()).split("-", -1);
      boolean ownerAlive;
      try {
        ownerAlive =
            ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
      } catch (NumberFormatException e) {
        ownerAlive = false;
      }
      if (!ownerAlive) {
        delete(name);
      }
    }
  }
}
