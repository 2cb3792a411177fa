package io.sp4j.bench.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A peer that is not an sp4j socket connects and drops the connection part way: over tcp:// and
 * ipc:// after the SP greeting and the first kilobyte of a message announced as {@value #ANNOUNCED}
 * bytes; over ws:// after the upgrade and the first kilobyte of such a frame; over wss:// in the
 * middle of the TLS handshake. Over tcp, ws and wss half the cuts are resets (SO_LINGER 0). Every
 * step waits at most {@value #TIMEOUT_MS} ms.
 */
final class RawCut {
  static final int ANNOUNCED = 200_000;
  private static final int SENT = 1024;

  /** ipc:// puts a type byte before each message's length: 1 for a message. */
  private static final byte IPC_MESSAGE = 1;

  /** Generous: on a shared, busy machine the server may take seconds to accept and answer. */
  private static final int TIMEOUT_MS = 15_000;

  private RawCut() {}

  static void cut(Pattern pattern, Transport transport, String url, boolean reset)
      throws IOException {
    switch (transport) {
      case TCP ->
          overTcp(
              url,
              reset,
              (out, in) -> {
                out.write(greeting(pattern));
                out.write(lengthPrefix());
                out.write(new byte[SENT]);
              });
      case WS ->
          overTcp(
              url,
              reset,
              (out, in) -> {
                out.write(upgrade(pattern, URI.create(url)));
                out.flush();
                String answer = readHead(in);
                if (!answer.startsWith("HTTP/1.1 101")) {
                  throw new IOException(
                      "ws upgrade refused: " + answer.lines().findFirst().orElse(""));
                }
                out.write(frameHead());
                out.write(new byte[SENT]);
              });
      case WSS -> overTcp(url, reset, (out, in) -> out.write(partialClientHello()));
      case IPC -> overIpc(url, pattern);
      default -> throw new IllegalArgumentException("no raw connections over " + transport);
    }
  }

  /** What a cut sends and reads before it drops the connection. */
  @FunctionalInterface
  private interface Exchange {
    void run(OutputStream out, InputStream in) throws IOException;
  }

  private static void overTcp(String url, boolean reset, Exchange exchange) throws IOException {
    URI uri = URI.create(url);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      exchange.run(out, socket.getInputStream());
      out.flush();
      if (reset) {
        socket.setSoLinger(true, 0);
      }
    }
  }

  /** Only writes (a blocking unix channel has no read timeout); the few bytes fit in its buffer. */
  private static void overIpc(String url, Pattern pattern) throws IOException {
    Path path = Path.of(URI.create(url).getPath());
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      ByteBuffer bytes = ByteBuffer.allocate(8 + 1 + 8 + SENT);
      bytes
          .put(greeting(pattern))
          .put(IPC_MESSAGE)
          .put(lengthPrefix())
          .position(bytes.capacity())
          .flip();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }

  /** The SP greeting of the server's peer protocol. */
  private static byte[] greeting(Pattern pattern) {
    int number = pattern.client.number();
    return new byte[] {0, 'S', 'P', 0, (byte) (number >> 8), (byte) number, 0, 0};
  }

  private static byte[] lengthPrefix() {
    return ByteBuffer.allocate(8).putLong(ANNOUNCED).array();
  }

  private static byte[] upgrade(Pattern pattern, URI uri) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    return ("GET "
            + uri.getPath()
            + " HTTP/1.1\r\n"
            + "Host: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: "
            + pattern.server.wireName()
            + ".sp.nanomsg.org\r\n"
            + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The head of a masked, final binary frame of {@value #ANNOUNCED} bytes. */
  private static byte[] frameHead() {
    return ByteBuffer.allocate(2 + 8 + 4)
        .put((byte) 0x82)
        .put((byte) (0x80 | 127))
        .putLong(ANNOUNCED)
        .putInt(ThreadLocalRandom.current().nextInt())
        .array();
  }

  /** A TLS handshake record announcing 512 bytes, with only its first few. */
  private static byte[] partialClientHello() {
    return new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
  }

  /** The answer's head, up to its empty line (4 KiB at most). */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int lastFour = 0;
    while (head.size() < 4096 && lastFour != 0x0d0a0d0a) { // up to CR LF CR LF
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      lastFour = lastFour << 8 | b;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
