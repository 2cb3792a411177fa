package io.sp4j.cli;

import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.ProtocolStateException;
import io.sp4j.Socket;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * nanocat's four loops over an open socket: send only (PUB, PUSH), receive only (SUB, PULL, and the
 * others without data), send then receive until the next send (REQ, SURVEYOR, and PAIR or BUS with
 * data), and receive then reply (REP, RESPONDENT with data).
 *
 * <p>A receive that times out, or that the protocol refuses in its state (a REQ with its reply in,
 * a SURVEYOR past its deadline), ends a receive-only loop quietly: there is nothing more to wait
 * for. Any other socket error ends spcat with status 3.
 */
final class SocketLoops {
  private final Socket socket;
  private final Settings settings;
  private final OutputStream out;
  private final Pacer pacer;

  SocketLoops(Socket socket, Settings settings, OutputStream out, Pacer pacer) {
    this.socket = socket;
    this.settings = settings;
    this.out = out;
    this.pacer = pacer;
  }

  /** Runs the loop for the socket's type until it ends. */
  void run() {
    switch (settings.protocol()) {
      case PUB, PUSH -> sendLoop();
      case SUB, PULL -> receiveLoop();
      case BUS, PAIR -> {
        if (settings.hasData()) {
          sendReceiveLoop();
        } else {
          receiveLoop();
        }
      }
      case REQ, SURVEYOR -> sendReceiveLoop();
      case REP, RESPONDENT -> {
        if (settings.hasData()) {
          replyLoop();
        } else {
          receiveLoop();
        }
      }
    }
  }

  private void sendLoop() {
    long interval = millis(settings.interval());
    while (true) {
      long start = pacer.nowMillis();
      send();
      if (!settings.sendsRepeatedly()) {
        return;
      }
      pacer.sleepMillis(start + interval - pacer.nowMillis());
    }
  }

  private void receiveLoop() {
    while (true) {
      byte[] body;
      try {
        body = socket.receive();
      } catch (SpException e) {
        if (endsReceiving(e)) {
          return;
        }
        throw failure("Can't recv", e);
      }
      print(body);
    }
  }

  /** Sends, then prints what comes in until the next send is due. */
  private void sendReceiveLoop() {
    long interval = millis(settings.interval());
    long receiveTimeout = millis(settings.receiveTimeout());
    while (true) {
      long start = pacer.nowMillis();
      send();
      if (!settings.sendsRepeatedly()) {
        receiveLoop();
        return;
      }
      while (true) {
        long untilNextSend = start + interval - pacer.nowMillis();
        if (untilNextSend <= 0) {
          break;
        }
        long wait = receiveTimeout >= 0 ? Math.min(untilNextSend, receiveTimeout) : untilNextSend;
        socket.set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(wait));
        try {
          print(socket.receive());
        } catch (SpException e) {
          if (!endsReceiving(e)) {
            throw failure("Can't recv", e);
          }
          pacer.sleepMillis(start + interval - pacer.nowMillis());
        }
      }
    }
  }

  /** Prints each request and answers it with the data. */
  private void replyLoop() {
    while (true) {
      byte[] request;
      try {
        request = socket.receive();
      } catch (SpException e) {
        throw failure("Can't recv", e);
      }
      print(request);
      send();
    }
  }

  private void send() {
    try {
      socket.send(settings.data().clone());
    } catch (SpException | IllegalArgumentException e) {
      throw failure("Can't send", e);
    }
  }

  private void print(byte[] body) {
    if (settings.format() == EchoFormat.NO) {
      return;
    }
    try {
      out.write(settings.format().render(body));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean endsReceiving(SpException e) {
    return e instanceof SpTimeoutException
        || (e instanceof ProtocolStateException && e.errno() == Errno.EFSM);
  }

  private CliFailure failure(String what, RuntimeException e) {
    return new CliFailure(CliFailure.SOCKET, Errors.line(what, e, settings.verbosity() > 0));
  }

  /** Seconds as nanocat turns them into milliseconds: truncated, negative kept negative. */
  static long millis(float seconds) {
    return (int) (seconds * 1000);
  }
}
