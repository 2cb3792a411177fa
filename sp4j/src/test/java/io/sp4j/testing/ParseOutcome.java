package io.sp4j.testing;

import io.sp4j.Errno;
import io.sp4j.SpException;
import io.sp4j.spi.SpAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The only ways a parser of user or remote text may end: a value, an {@link
 * IllegalArgumentException} saying what is wrong, or an {@link SpException} with one of the
 * expected errno names. Anything else (a NullPointerException, an index out of bounds, an empty
 * message) is a bug.
 */
public final class ParseOutcome {
  private ParseOutcome() {}

  /** Returns the parsed value, or {@code null} if {@code input} was refused as documented. */
  public static <T> T parsedOrRefused(String input, Set<Errno> errnos, Supplier<T> parse) {
    try {
      T value = parse.get();
      if (value == null) {
        throw new AssertionError("parsing '" + input + "' gave null");
      }
      return value;
    } catch (SpException e) {
      if (!errnos.contains(e.errno())) {
        throw new AssertionError(
            "parsing '" + input + "' failed with " + e.errno() + ", not one of " + errnos, e);
      }
      requireMessage(input, e);
      return null;
    } catch (IllegalArgumentException e) {
      requireMessage(input, e);
      return null;
    }
  }

  /**
   * A fuzz input as an address (UTF-8), split by {@link SpAddress#parse} if it can be, or null if
   * it was refused as documented or its scheme is none of {@code schemes}.
   */
  public static SpAddress address(byte[] input, Set<String> schemes) {
    String url = new String(input, StandardCharsets.UTF_8);
    SpAddress address =
        parsedOrRefused(url, Set.of(Errno.ENAMETOOLONG), () -> SpAddress.parse(url));
    return address != null && schemes.contains(address.scheme()) ? address : null;
  }

  private static void requireMessage(String input, RuntimeException e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("refusing '" + input + "' gave no message", e);
    }
  }
}
