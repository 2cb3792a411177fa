package io.sp4j.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * How received messages are printed; the bytes match nanocat's for each format. "Printable" is the
 * C locale's {@code isprint}: 0x20 to 0x7e.
 */
enum EchoFormat {
  /** Nothing is printed. */
  NO,
  /** The body as it is, with no delimiter. */
  RAW,
  /** Printable bytes as they are, others as {@code .}, then a newline. */
  ASCII,
  /** In double quotes with {@code \n \r \\ \"} and {@code \xNN} escapes, then a newline. */
  QUOTED,
  /** A msgpack bin 8, 16 or 32 object holding the body. */
  MSGPACK,
  /** In double quotes, every byte as {@code \xNN}, then a newline. */
  HEX;

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The format named {@code name} as {@code --format} takes it ({@code no}, {@code raw}, …). */
  static Optional<EchoFormat> named(String name) {
    for (EchoFormat format : values()) {
      if (format.formatName().equals(name)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** The name {@code --format} takes. */
  String formatName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The bytes printed for a message with this body. */
  byte[] render(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
    switch (this) {
      case NO -> {}
      case RAW -> out.writeBytes(body);
      case ASCII -> {
        for (byte b : body) {
          out.write(isPrintable(b) ? b : '.');
        }
        out.write('\n');
      }
      case QUOTED -> {
        out.write('"');
        for (byte b : body) {
          switch (b) {
            case '\n' -> escape(out, 'n');
            case '\r' -> escape(out, 'r');
            case '\\', '"' -> escape(out, b);
            default -> {
              if (isPrintable(b)) {
                out.write(b);
              } else {
                hexEscape(out, b);
              }
            }
          }
        }
        out.write('"');
        out.write('\n');
      }
      case MSGPACK -> {
        int n = body.length;
        if (n < 0x100) {
          out.write(0xc4);
          out.write(n);
        } else if (n < 0x10000) {
          out.write(0xc5);
          out.write(n >>> 8);
          out.write(n);
        } else {
          out.write(0xc6);
          out.write(n >>> 24);
          out.write(n >>> 16);
          out.write(n >>> 8);
          out.write(n);
        }
        out.writeBytes(body);
      }
      case HEX -> {
        out.write('"');
        for (byte b : body) {
          hexEscape(out, b);
        }
        out.write('"');
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  private static boolean isPrintable(byte b) {
    return b >= 0x20 && b < 0x7f;
  }

  private static void escape(ByteArrayOutputStream out, int c) {
    out.write('\\');
    out.write(c);
  }

  private static void hexEscape(ByteArrayOutputStream out, byte b) {
    out.write('\\');
    out.write('x');
    out.write(HEX_DIGITS[(b >>> 4) & 0xf]);
    out.write(HEX_DIGITS[b & 0xf]);
  }
}
