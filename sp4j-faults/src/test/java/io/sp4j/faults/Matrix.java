package io.sp4j.faults;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The scheme × pattern combinations the parameterized fault tests run. */
final class Matrix {
  private Matrix() {}

  /** Every pattern over every scheme. */
  static Stream<Arguments> everyPattern() {
    return Arrays.stream(Scheme.values())
        .flatMap(scheme -> Arrays.stream(Pattern.values()).map(pattern -> Arguments.of(scheme, pattern)));
  }
}
