package io.sp4j.core;

import java.util.Locale;
import java.util.Objects;

/**
 * An SP address {@code scheme://rest}, split once; each transport parses its own rest
 * ({@code inproc://name}, {@code ws://host:port/path?query}, …).
 *
 * @param url the address as given
 * @param scheme the scheme, lower case
 * @param rest everything after {@code ://}
 */
public record SpAddress(String url, String scheme, String rest) {

  /**
   * Splits an address.
   *
   * @throws IllegalArgumentException naming the wrong part
   */
  public static SpAddress parse(String url) {
    Objects.requireNonNull(url, "url");
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
