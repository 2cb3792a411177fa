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
        .flatMap(
            scheme ->
                Arrays.stream(Pattern.values()).map(pattern -> Arguments.of(scheme, pattern)));
  }

  /**
   * Every pattern over ws, the flagship; over tcp only REQ/REP (whose resends meet the fault too).
   * Where the fault is TCP's business alone, the other tcp cases repeat what the ws ones show at
   * the cost of CI time.
   */
  static Stream<Arguments> everyPatternOnWsReqRepOnTcp() {
    return Stream.concat(
        Arrays.stream(Pattern.values()).map(pattern -> Arguments.of(Scheme.WS, pattern)),
        Stream.of(Arguments.of(Scheme.TCP, Pattern.REQ_REP)));
  }
}
