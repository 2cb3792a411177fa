package io.sp4j.attack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.sp4j.Endpoint;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SocketClosedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server under attack: one sp4j socket in a JVM of its own, bound to every URL given.
 *
 * <pre>
 *   AttackTarget [--protocol REP|PULL|…] [--option NAME=VALUE]… [--ignore-unknown-options] URL…
 * </pre>
 *
 * <p>A REP echoes each request back; any other protocol just takes what arrives. Options name the
 * public {@code Option} fields of {@code io.sp4j.Options} ({@link OptionValues}); an unknown one
 * stops it at once with status 2 and a message naming it, unless {@code --ignore-unknown-options}
 * (for measuring a build that lacks an option: each one skipped is named on stderr). Port 0 binds a
 * free port.
 *
 * <p>Prints {@code ready <url>} per endpoint, with the port bound, then reads commands on stdin:
 * {@code stats} prints one {@link TargetStats} line; {@code exit} (or the end of stdin) closes the
 * socket and exits 0. Leak reports and uncaught throwables go to stderr with the markers of {@link
 * ProblemReporter}. Tests start it with a small fixed heap and the leak detector at paranoid
 * ({@link TargetProcess}).
 */
public final class AttackTarget {
  private AttackTarget() {}

  public static void main(String[] args) throws IOException {
    ProblemReporter.install(System.err);
    Config config;
    try {
      config = Config.parse(args, System.err);
    } catch (IllegalArgumentException e) {
      System.err.println("AttackTarget: " + e.getMessage());
      System.err.println(
          "usage: AttackTarget [--protocol REP] [--option NAME=VALUE]... [--ignore-unknown-options] URL...");
      System.exit(2);
      return;
    }
    System.exit(run(config, System.out));
  }

  private static int run(Config config, PrintStream out) throws IOException {
    try (Socket socket = Socket.open(config.protocol)) {
      for (OptionValues.Setting<?> setting : config.settings) {
        setting.applyTo(socket);
      }
      for (String url : config.urls) {
        Endpoint endpoint = socket.bind(url);
        say(out, "ready " + withPort(url, endpoint.port()));
      }
      Thread server = new Thread(() -> serve(socket), "attack-target-serve");
      server.setDaemon(true);
      server.start();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.trim()) {
          case "stats" -> {
            probeLeaks();
            say(out, TargetStats.line(socket));
          }
          case "exit" -> {
            return 0;
          }
          case "" -> {}
          default -> say(out, "unknown command: " + line.trim());
        }
      }
      return 0;
    }
  }

  /** REP: each request back to its sender; anything else: receive and forget. */
  private static void serve(Socket socket) {
    boolean echo = socket.protocol() == Protocol.REP;
    try {
      while (true) {
        byte[] request = socket.receive();
        if (echo) {
          socket.send(request);
        }
      }
    } catch (SocketClosedException closed) {
      // exit: the socket closed under the loop
    }
  }

  /**
   * Netty reports a leaked buffer when the collector has freed it and the next buffer is made: make
   * one, after the collections that the stats line runs anyway.
   */
  private static void probeLeaks() {
    System.gc();
    ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(1);
    probe.release();
  }

  /** {@code url} with port 0 replaced by the port bound. */
  static String withPort(String url, int port) {
    if (port <= 0) {
      return url;
    }
    int scheme = url.indexOf("://");
    int hostStart = scheme < 0 ? 0 : scheme + 3;
    int pathStart = url.indexOf('/', hostStart);
    int hostEnd = pathStart < 0 ? url.length() : pathStart;
    String authority = url.substring(hostStart, hostEnd);
    if (authority.endsWith(":0")) {
      authority = authority.substring(0, authority.length() - 2) + ":" + port;
    }
    return url.substring(0, hostStart) + authority + url.substring(hostEnd);
  }

  private static void say(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** The parsed command line. */
  private record Config(
      Protocol protocol, List<OptionValues.Setting<?>> settings, List<String> urls) {
    static Config parse(String[] args, PrintStream err) {
      Protocol protocol = Protocol.REP;
      List<String> options = new ArrayList<>();
      List<String> urls = new ArrayList<>();
      boolean lenient = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--protocol" ->
              protocol = Protocol.valueOf(value(args, ++i, "--protocol").toUpperCase(Locale.ROOT));
          case "--option" -> options.add(value(args, ++i, "--option"));
          case "--ignore-unknown-options" -> lenient = true;
          default -> {
            if (args[i].startsWith("--")) {
              throw new IllegalArgumentException("unknown flag " + args[i]);
            }
            urls.add(args[i]);
          }
        }
      }
      if (urls.isEmpty()) {
        throw new IllegalArgumentException("no URL to bind");
      }
      List<OptionValues.Setting<?>> settings = new ArrayList<>();
      for (String option : options) {
        String name =
            option.contains("=") ? option.substring(0, option.indexOf('=')).trim() : option;
        if (lenient && !OptionValues.exists(name)) {
          err.println(
              "AttackTarget: skipping unknown option " + name + " (--ignore-unknown-options)");
          continue;
        }
        settings.add(OptionValues.parse(option));
      }
      return new Config(protocol, settings, urls);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[i];
    }
  }
}
