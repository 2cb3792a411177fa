package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of an HTTP/1.1 request or response: the start line and the header fields. Lines may end
 * in CRLF or a bare LF; a blank line ends the head. Header names compare case-insensitively; values
 * lose surrounding spaces and TABs (RFC 7230 OWS).
 */
final class HttpHead {
  /** The largest head accepted, terminator included. */
  static final int MAX_SIZE = 8192;

  private final String startLine;
  private final List<String[]> fields;

  private HttpHead(String startLine, List<String[]> fields) {
    this.startLine = startLine;
    this.fields = fields;
  }

  /**
   * The length of the head at the start of {@code in}, through its blank line; -1 if the blank line
   * has not arrived within {@code max + 1} bytes (the caller decides whether that is too long).
   * Does not move the reader index.
   */
  static int length(ByteBuf in, int max) {
    int start = in.readerIndex();
    int end = Math.min(in.writerIndex(), start + max + 1);
    int lineStart = start;
    for (int i = start; i < end; i++) {
      if (in.getByte(i) == '\n') {
        int lineLength = i - lineStart;
        if (lineLength > 0 && in.getByte(i - 1) == '\r') {
          lineLength--;
        }
        if (lineLength == 0 && lineStart > start) {
          return i + 1 - start;
        }
        lineStart = i + 1;
      }
    }
    return -1;
  }

  /**
   * Parses {@code length} bytes of {@code in} (found by {@link #length}), moving past them.
   *
   * @throws IllegalArgumentException if a header line is malformed
   */
  static HttpHead read(ByteBuf in, int length) {
    String text = in.readCharSequence(length, StandardCharsets.ISO_8859_1).toString();
    String[] lines = text.split("\n", -1);
    String startLine = stripCr(lines[0]);
    List<String[]> fields = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = stripCr(lines[i]);
      if (line.isEmpty()) {
        break;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new IllegalArgumentException("folded header line");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("header line without a name and ':'");
      }
      String name = line.substring(0, colon);
      if (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
        throw new IllegalArgumentException("space in a header name");
      }
      fields.add(new String[] {name.toLowerCase(Locale.ROOT), trimOws(line.substring(colon + 1))});
    }
    return new HttpHead(startLine, fields);
  }

  String startLine() {
    return startLine;
  }

  /** The first value of a header, or {@code null}. */
  String get(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    for (String[] field : fields) {
      if (field[0].equals(key)) {
        return field[1];
      }
    }
    return null;
  }

  /** How many times a header appears. */
  int count(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    int n = 0;
    for (String[] field : fields) {
      if (field[0].equals(key)) {
        n++;
      }
    }
    return n;
  }

  /** All values of a header joined by commas, or {@code null}. */
  String joined(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    StringBuilder all = null;
    for (String[] field : fields) {
      if (field[0].equals(key)) {
        all = all == null ? new StringBuilder(field[1]) : all.append(',').append(field[1]);
      }
    }
    return all == null ? null : all.toString();
  }

  /** Whether a comma/space-separated list contains {@code token}, ignoring case. */
  static boolean hasToken(String list, String token) {
    if (list == null) {
      return false;
    }
    for (String item : list.split("[,\\s]+", -1)) {
      if (item.equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String trimOws(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }
}
