package io.sp4j.cli;

import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import io.sp4j.transport.netty.EventLoops;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * spcat: nanocat over sp4j. One socket, bound and connected as the flags say, then a send or
 * receive loop for its type (see {@link SocketLoops}).
 *
 * <p>Exit statuses are nanocat's: 0 when the loop ends (a receive timed out, the one message was
 * sent), 1 for a bad command line, 2 for an unreadable {@code --file}, 3 for a socket error. Every
 * error is one line on stderr.
 */
public final class SpCat {
  /** The program's name, at the start of usage errors. */
  static final String NAME = "spcat";

  private SpCat() {}

  public static void main(String[] args) {
    System.exit(
        run(args, System.in, System.out, System.err, Pacer.SYSTEM, SpCat::endIoThreadsForExit));
  }

  /**
   * The JVM's exit waits 300 ms for threads in native calls, as sp4j's I/O threads are while they
   * wait for the network: longer than a one-shot run spends talking. The process ends anyway.
   */
  static void endIoThreadsForExit() {
    EventLoops.endBeforeExit(Duration.ofMillis(500));
  }

  /**
   * Runs spcat to the end and returns its exit status; never calls {@link System#exit}.
   *
   * @param in what {@code --file -} reads
   * @param out where received messages are printed
   * @param err where the error line goes
   */
  public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
    return run(args, in, out, err, Pacer.SYSTEM, () -> {});
  }

  /**
   * @param endIo run once a socket that used the network (not only inproc) is closed
   */
  static int run(
      String[] args,
      InputStream in,
      OutputStream out,
      PrintStream err,
      Pacer pacer,
      Runnable endIo) {
    try {
      Invocation invocation = ArgumentParser.parse(args, in);
      if (invocation instanceof Invocation.Help help) {
        write(out, help.text());
        return 0;
      }
      Settings settings = ((Invocation.Run) invocation).settings();
      try {
        runSocket(settings, out, pacer);
      } finally {
        if (settings.usesNetwork()) {
          endIo.run();
        }
      }
      return 0;
    } catch (CliFailure failure) {
      err.println(failure.getMessage());
      err.flush();
      return failure.status();
    } catch (UncheckedIOException e) {
      // stdout went away (a closed pipe): nothing more to print to.
      err.println(NAME + ": cannot write output: " + e.getCause().getMessage());
      return CliFailure.SOCKET;
    }
  }

  private static void runSocket(Settings settings, OutputStream out, Pacer pacer) {
    boolean verbose = settings.verbosity() > 0;
    Socket socket;
    try {
      socket = Socket.open(settings.protocol());
    } catch (SpException e) {
      throw new CliFailure(CliFailure.SOCKET, Errors.line("Can't create socket", e, verbose));
    }
    try (socket) {
      configure(socket, settings);
      for (String url : settings.binds()) {
        call("Can't bind", verbose, () -> socket.bind(url));
      }
      for (String url : settings.connects()) {
        call("Can't connect", verbose, () -> socket.connect(url));
      }
      pacer.sleepMillis(SocketLoops.millis(settings.delay()));
      new SocketLoops(socket, settings, out, pacer).run();
    }
  }

  private static void configure(Socket socket, Settings settings) {
    if (settings.sendTimeout() >= 0) {
      socket.set(
          Options.SEND_TIMEOUT, Duration.ofMillis(SocketLoops.millis(settings.sendTimeout())));
    }
    if (settings.receiveTimeout() >= 0) {
      // nanocat truncates this one to whole seconds before scaling: 0.5 waits not at all.
      socket.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds((int) settings.receiveTimeout()));
    }
    if (settings.protocol() == Protocol.SUB) {
      if (settings.subscriptions().isEmpty()) {
        socket.set(Options.SUBSCRIBE, new byte[0]);
      }
      for (byte[] prefix : settings.subscriptions()) {
        socket.set(Options.SUBSCRIBE, prefix);
      }
    }
    if (settings.text()) {
      // Taken by each connection when it is made, so set before bind and connect.
      socket.set(Options.WS_MESSAGE_TYPE, MessageType.TEXT);
    }
  }

  private static void call(String what, boolean verbose, Runnable action) {
    try {
      action.run();
    } catch (SpException | IllegalArgumentException e) {
      throw new CliFailure(CliFailure.SOCKET, Errors.line(what, e, verbose));
    }
  }

  private static void write(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
