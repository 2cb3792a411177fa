package io.sp4j.cli;

import java.nio.charset.Charset;

/**
 * The bytes of a command-line argument. The JVM decoded {@code argv} with the platform's file name
 * encoding; encoding back with it gives the bytes nanocat would have sent.
 */
final class ArgumentBytes {
  private static final Charset ARGV = argvCharset();

  private ArgumentBytes() {}

  static byte[] of(String argument) {
    return argument.getBytes(ARGV);
  }

  private static Charset argvCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }
}
