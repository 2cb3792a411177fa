package io.sp4j.spi;

import io.sp4j.Errno;
import io.sp4j.SpException;
import java.util.Locale;
import java.util.Objects;

/**
 * An SP address {@code scheme://rest}, split once; each transport parses its own rest ({@code
 * inproc://name}, {@code ws://host:port/path?query}, …).
 *
 * @param url the address as given
 * @param scheme the scheme, lower case
 * @param rest everything after {@code ://}
 */
public record SpAddress(String url, String scheme, String rest) {
  /** Longest address accepted, in characters (nanomsg's {@code NN_SOCKADDR_MAX} less its NUL). */
  public static final int MAX_LENGTH = 127;

  /**
   * Splits an address.
   *
   * @throws IllegalArgumentException naming the wrong part
   * @throws SpException ENAMETOOLONG if it is longer than {@link #MAX_LENGTH} characters
   */
  public static SpAddress parse(String url) {
    Objects.requireNonNull(url, "url");
    if (url.length() > MAX_LENGTH) {
      throw new SpException(
          Errno.ENAMETOOLONG,
          "address of " + url.length() + " characters: at most " + MAX_LENGTH + " are allowed");
    }
    int separator = url.indexOf("://");
    if (separator < 0) {
      throw new IllegalArgumentException("address '" + url + "': missing '://' after the scheme");
    }
    String scheme = url.substring(0, separator);
    if (scheme.isEmpty() || !scheme.chars().allMatch(SpAddress::isSchemeChar)) {
      throw new IllegalArgumentException("address '" + url + "': bad scheme '" + scheme + "'");
    }
    return new SpAddress(url, scheme.toLowerCase(Locale.ROOT), url.substring(separator + 3));
  }

  private static boolean isSchemeChar(int c) {
    return Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.';
  }
}
