package io.sp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each format's bytes for a message, as nanocat 1.1.5 prints them. */
class EchoFormatTest {

  static Stream<Arguments> printedBytes() {
    byte[] mixed = {
      'a', '\n', '\r', '\t', '\\', '"', 0, 0x1f, 0x20, 0x7e, 0x7f, (byte) 0x80, (byte) 0xff, '\''
    };
    return Stream.of(
        Arguments.of(EchoFormat.NO, bytes("hello"), new byte[0]),
        Arguments.of(EchoFormat.RAW, bytes("hello"), bytes("hello")),
        Arguments.of(EchoFormat.RAW, mixed, mixed),
        Arguments.of(EchoFormat.RAW, new byte[0], new byte[0]),
        Arguments.of(EchoFormat.ASCII, bytes("hello"), bytes("hello\n")),
        Arguments.of(EchoFormat.ASCII, mixed, bytes("a...\\\".. ~...'\n")),
        Arguments.of(EchoFormat.ASCII, new byte[0], bytes("\n")),
        Arguments.of(EchoFormat.QUOTED, bytes("hello"), bytes("\"hello\"\n")),
        Arguments.of(
            EchoFormat.QUOTED,
            mixed,
            bytes("\"a\\n\\r\\x09\\\\\\\"\\x00\\x1f ~\\x7f\\x80\\xff'\"\n")),
        Arguments.of(EchoFormat.QUOTED, new byte[0], bytes("\"\"\n")),
        Arguments.of(EchoFormat.HEX, bytes("hi"), bytes("\"\\x68\\x69\"\n")),
        Arguments.of(
            EchoFormat.HEX, new byte[] {0, (byte) 0xab, 0x7f}, bytes("\"\\x00\\xab\\x7f\"\n")),
        Arguments.of(EchoFormat.HEX, new byte[0], bytes("\"\"\n")),
        Arguments.of(
            EchoFormat.MSGPACK, bytes("hi"), concat(new byte[] {(byte) 0xc4, 2}, bytes("hi"))),
        Arguments.of(EchoFormat.MSGPACK, new byte[0], new byte[] {(byte) 0xc4, 0}));
  }

  @ParameterizedTest(name = "{0} prints {1} as nanocat does")
  @MethodSource("printedBytes")
  void printsTheBytesNanocatPrints(EchoFormat format, byte[] body, byte[] expected) {
    assertThat(format.render(body)).isEqualTo(expected);
  }

  static Stream<Arguments> msgpackSizes() {
    return Stream.of(
        Arguments.of(255, new byte[] {(byte) 0xc4, (byte) 0xff}),
        Arguments.of(256, new byte[] {(byte) 0xc5, 0x01, 0x00}),
        Arguments.of(65535, new byte[] {(byte) 0xc5, (byte) 0xff, (byte) 0xff}),
        Arguments.of(65536, new byte[] {(byte) 0xc6, 0x00, 0x01, 0x00, 0x00}),
        Arguments.of(70000, new byte[] {(byte) 0xc6, 0x00, 0x01, 0x11, 0x70}));
  }

  @ParameterizedTest(name = "msgpack header for {0} bytes")
  @MethodSource("msgpackSizes")
  void msgpackPicksBin8Bin16OrBin32BySize(int size, byte[] header) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'z');
    byte[] printed = EchoFormat.MSGPACK.render(body);
    assertThat(Arrays.copyOf(printed, header.length)).isEqualTo(header);
    assertThat(Arrays.copyOfRange(printed, header.length, printed.length)).isEqualTo(body);
  }

  @ParameterizedTest(name = "every byte value in {0}")
  @MethodSource("formats")
  void printableMeansAsciiSpaceToTilde(EchoFormat format) {
    for (int b = 0; b < 256; b++) {
      byte[] printed = format.render(new byte[] {(byte) b});
      boolean printable = b >= 0x20 && b <= 0x7e && b != '"' && b != '\\';
      if (format == EchoFormat.ASCII) {
        assertThat(printed[0]).isEqualTo(b >= 0x20 && b <= 0x7e ? (byte) b : (byte) '.');
      } else if (printable) {
        assertThat(printed).isEqualTo(new byte[] {'"', (byte) b, '"', '\n'});
      } else if (b != '\n' && b != '\r' && b != '"' && b != '\\') {
        assertThat(new String(printed, StandardCharsets.US_ASCII))
            .isEqualTo(String.format("\"\\x%02x\"\n", b));
      }
    }
  }

  static Stream<EchoFormat> formats() {
    return Stream.of(EchoFormat.ASCII, EchoFormat.QUOTED);
  }

  @ParameterizedTest(name = "--format {0}")
  @MethodSource("namesOfFormats")
  void formatNamesAreNanocats(String name, EchoFormat format) {
    assertThat(EchoFormat.named(name)).contains(format);
  }

  static Stream<Arguments> namesOfFormats() {
    return Stream.of(
        Arguments.of("no", EchoFormat.NO),
        Arguments.of("raw", EchoFormat.RAW),
        Arguments.of("ascii", EchoFormat.ASCII),
        Arguments.of("quoted", EchoFormat.QUOTED),
        Arguments.of("msgpack", EchoFormat.MSGPACK),
        Arguments.of("hex", EchoFormat.HEX));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
