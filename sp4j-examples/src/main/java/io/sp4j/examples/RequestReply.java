package io.sp4j.examples;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A REP server answering three requests from a REQ client, and a PUB reaching a SUB that subscribed
 * to one topic: everything in this process over {@code inproc://}.
 */
public final class RequestReply {
  private RequestReply() {}

  public static void main(String[] args) throws Exception {
    try (Socket server = Socket.open(Protocol.REP);
        Socket client = Socket.open(Protocol.REQ)) {
      server.bind("inproc://example");
      client.connect("inproc://example");
      Thread replier =
          new Thread(
              () -> {
                for (int i = 0; i < 3; i++) {
                  String request = text(server.receive());
                  server.send(bytes("reply to " + request));
                }
              },
              "replier");
      replier.start();
      for (int i = 1; i <= 3; i++) {
        client.send(bytes("request " + i));
        System.out.println("REQ got: " + text(client.receive()));
      }
      replier.join();
    }

    try (Socket pub = Socket.open(Protocol.PUB);
        Socket sub = Socket.open(Protocol.SUB)) {
      sub.set(Options.SUBSCRIBE, bytes("weather."));
      sub.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(1));
      pub.bind("inproc://news");
      sub.connect("inproc://news");
      pub.send(bytes("sports.football 2-1"));
      pub.send(bytes("weather.oslo -3C"));
      System.out.println("SUB got: " + text(sub.receive()));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
