package io.sp4j;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One SP message: a protocol header (a sequence of 32-bit big-endian words, managed by the socket
 * for cooked sockets and by the user for raw ones) and an opaque body.
 *
 * <p>A message made with {@link #of(byte[])} or {@link #of(byte[], byte[])} takes the arrays as
 * they are, without copying, so that a message can cross an {@code inproc://} connection with no
 * copy at all: do not change an array after handing it to a message. {@link #copyOf} copies. The
 * arrays that {@link #body()} and {@link #header()} return are the message's own; treat them as
 * read-only.
 *
 * <p>A message may carry a {@link MessageType}: {@code ws://} sets it on every message it receives,
 * and uses it, when set, instead of the socket's {@link Options#WS_MESSAGE_TYPE} when sending. The
 * type is not part of {@link #equals}.
 */
public final class Message {
  private static final byte[] EMPTY = new byte[0];
  private static final Message EMPTY_MESSAGE = new Message(EMPTY, EMPTY);

  private final byte[] header;
  private final byte[] body;
  private final MessageType type;

  private Message(byte[] header, byte[] body) {
    this(header, body, null);
  }

  private Message(byte[] header, byte[] body, MessageType type) {
    this.header = header;
    this.body = body;
    this.type = type;
  }

  /** A message with an empty header and the given body (not copied). */
  public static Message of(byte[] body) {
    return new Message(EMPTY, Objects.requireNonNull(body, "body"));
  }

  /** A message with the given header and body (neither copied). */
  public static Message of(byte[] header, byte[] body) {
    return new Message(
        Objects.requireNonNull(header, "header"), Objects.requireNonNull(body, "body"));
  }

  /** A message with an empty header and a copy of {@code body}. */
  public static Message copyOf(byte[] body) {
    return of(Objects.requireNonNull(body, "body").clone());
  }

  /** A message with an empty header and a copy of the remaining bytes of {@code body}. */
  public static Message copyOf(ByteBuffer body) {
    return of(remaining(Objects.requireNonNull(body, "body")));
  }

  /** A message with copies of the remaining bytes of {@code header} and {@code body}. */
  public static Message copyOf(ByteBuffer header, ByteBuffer body) {
    return of(
        remaining(Objects.requireNonNull(header, "header")),
        remaining(Objects.requireNonNull(body, "body")));
  }

  /** The empty message: no header, no body. */
  public static Message empty() {
    return EMPTY_MESSAGE;
  }

  /** The body bytes (the message's own array: do not change it). */
  public byte[] body() {
    return body;
  }

  /** The header bytes (the message's own array: do not change it). Empty for cooked sockets. */
  public byte[] header() {
    return header;
  }

  /** A read-only view of the body. */
  public ByteBuffer bodyBuffer() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /** A read-only view of the header. */
  public ByteBuffer headerBuffer() {
    return ByteBuffer.wrap(header).asReadOnlyBuffer();
  }

  /** The body length in bytes. */
  public int bodySize() {
    return body.length;
  }

  /** The header length in bytes. */
  public int headerSize() {
    return header.length;
  }

  /** Header plus body: the bytes this message takes on the wire. */
  public int size() {
    return header.length + body.length;
  }

  /** This message's body (and type) with another header. */
  public Message withHeader(byte[] newHeader) {
    return new Message(Objects.requireNonNull(newHeader, "header"), body, type);
  }

  /** This message's header (and type) with another body. */
  public Message withBody(byte[] newBody) {
    return new Message(header, Objects.requireNonNull(newBody, "body"), type);
  }

  /**
   * The WebSocket message type: how a received message arrived, or how this one is to be sent.
   * Empty when not set (sending then uses the socket's {@link Options#WS_MESSAGE_TYPE}).
   */
  public Optional<MessageType> type() {
    return Optional.ofNullable(type);
  }

  /**
   * This message's header and body with the given type. Sending a {@link MessageType#TEXT} message
   * whose body is not valid UTF-8 fails with {@link IllegalArgumentException}.
   */
  public Message withType(MessageType newType) {
    return new Message(header, body, Objects.requireNonNull(newType, "type"));
  }

  /** Header and body in one array, as they go on the wire. */
  public byte[] toWireBytes() {
    if (header.length == 0) {
      return body;
    }
    byte[] all = Arrays.copyOf(header, size());
    System.arraycopy(body, 0, all, header.length, body.length);
    return all;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message other
        && Arrays.equals(header, other.header)
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(header) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "Message[header="
        + header.length
        + " bytes, body="
        + body.length
        + " bytes"
        + (type == null ? "" : ", " + type)
        + "]";
  }

  private static byte[] remaining(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
