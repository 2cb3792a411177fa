package io.sp4j.protocol;

import io.sp4j.Message;

/**
 * SP header words: 32-bit big-endian, read across a message's header and body as if joined (a
 * message from {@code inproc://} arrives with its sender's split, one from the network with
 * everything in the body).
 */
final class Wire {
  /** The header of messages that carry none. */
  static final byte[] NO_HEADER = new byte[0];

  /** The most significant bit: set on the bottom word (request or survey id) of a backtrace. */
  static final int BOTTOM = 0x80000000;

  private Wire() {}

  static byte[] word(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  static int wordAt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) << 24
        | (bytes[offset + 1] & 0xff) << 16
        | (bytes[offset + 2] & 0xff) << 8
        | (bytes[offset + 3] & 0xff);
  }

  /** The word at {@code offset} of header ‖ body; the caller checks the size. */
  static int wordAt(Message message, int offset) {
    int value = 0;
    for (int i = offset; i < offset + 4; i++) {
      value = value << 8 | (byteAt(message, i) & 0xff);
    }
    return value;
  }

  /**
   * The same bytes with the first {@code headerBytes} of header ‖ body as the header. Shares the
   * body, and keeps the message's frame type, when the split does not move.
   */
  static Message split(Message message, int headerBytes) {
    if (message.headerSize() == headerBytes) {
      return message;
    }
    return message
        .withHeader(range(message, 0, headerBytes))
        .withBody(range(message, headerBytes, message.size()));
  }

  /**
   * Bytes taken by the backtrace at the start of {@code message}: hop words with the top bit clear,
   * ending with one that has it set.
   *
   * @return the length in bytes, or -1 if it never ends or has more than {@code maxWords} words
   */
  static int backtraceLength(Message message, int maxWords) {
    for (int words = 1; words * 4 <= message.size(); words++) {
      if (words > maxWords) {
        return -1;
      }
      if ((wordAt(message, (words - 1) * 4) & BOTTOM) != 0) {
        return words * 4;
      }
    }
    return -1;
  }

  /** The first word of the header, as a pipe id (top bit ignored). */
  static int pipeIdOf(byte[] header) {
    return wordAt(header, 0) & ~BOTTOM;
  }

  /** {@code bytes} without its first word. */
  static byte[] dropFirstWord(byte[] bytes) {
    byte[] rest = new byte[bytes.length - 4];
    System.arraycopy(bytes, 4, rest, 0, rest.length);
    return rest;
  }

  /** {@code word} followed by {@code rest}. */
  static byte[] prepend(int word, byte[] rest) {
    byte[] all = new byte[rest.length + 4];
    System.arraycopy(word(word), 0, all, 0, 4);
    System.arraycopy(rest, 0, all, 4, rest.length);
    return all;
  }

  private static byte byteAt(Message message, int index) {
    int headerSize = message.headerSize();
    return index < headerSize ? message.header()[index] : message.body()[index - headerSize];
  }

  private static byte[] range(Message message, int from, int to) {
    byte[] out = new byte[to - from];
    byte[] header = message.header();
    int fromHeader = Math.max(0, Math.min(header.length, to) - from);
    if (fromHeader > 0) {
      System.arraycopy(header, from, out, 0, fromHeader);
    }
    int bodyFrom = Math.max(0, from - header.length);
    System.arraycopy(message.body(), bodyFrom, out, fromHeader, out.length - fromHeader);
    return out;
  }
}
