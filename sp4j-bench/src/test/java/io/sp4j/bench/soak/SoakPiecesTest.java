package io.sp4j.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The soak's checks and its verdicts, on made-up data. */
class SoakPiecesTest {

  @ParameterizedTest(name = "{0} B")
  @ValueSource(ints = {0, 1, 19, 20, 21, 1000, SizeMix.LARGEST})
  void payloadsAreIntactAndAnyFlippedByteShows(int size) {
    byte[] body = Payload.make(size, 7, 42);
    assertThat(Payload.isIntact(body)).isTrue();
    for (int i = 0; i < size; i += Math.max(1, size / 16)) {
      byte[] damaged = body.clone();
      damaged[i] ^= 0x10;
      assertThat(Payload.isIntact(damaged)).as("byte %d flipped", i).isFalse();
    }
  }

  @Test
  void aTruncatedShortPayloadShows() {
    byte[] body = Payload.make(12, 1, 1);
    assertThat(Payload.isIntact(Arrays.copyOf(body, 11))).isFalse();
  }

  @Test
  void sizesStayInRangeAndAreMostlySmall() {
    SplittableRandom random = new SplittableRandom(1);
    int small = 0;
    for (int i = 0; i < 10_000; i++) {
      int size = SizeMix.next(random);
      assertThat(size).isBetween(0, SizeMix.LARGEST);
      small += size <= 64 ? 1 : 0;
    }
    assertThat(small).isBetween(6_700, 7_300);
  }

  @Test
  void aSteadyClimbIsNotFlatAndNoiseAroundALevelIs() {
    double[] t = new double[120];
    double[] climbing = new double[t.length];
    double[] level = new double[t.length];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < t.length; i++) {
      t[i] = 300 + 30 * i; // an hour of samples after a 5 min warm-up
      climbing[i] = 100 + 20 * t[i] / 3600; // 20 MiB an hour
      level[i] = 100 + random.nextDouble(-3, 3);
    }
    Trend climb = Trend.of(new Series("climb", t, climbing), 300);
    assertThat(climb.slopePerHour()).isCloseTo(20, within(1e-6));
    assertThat(Tolerance.growth(8, 0.05).holds(climb)).isFalse();
    Trend flat = Trend.of(new Series("level", t, level), 300);
    assertThat(Tolerance.growth(8, 0.05).holds(flat)).isTrue();
    assertThat(Tolerance.drift(1, 0.10).holds(flat)).isTrue();
  }

  @Test
  void aFallIsFineForMemoryButNotForARate() {
    double[] t = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    double[] falling = {100, 90, 80, 70, 60, 50, 40, 30, 20, 10};
    Trend trend = Trend.of(new Series("falling", t, falling), 0);
    assertThat(trend.change()).isEqualTo(-90);
    assertThat(Tolerance.growth(8, 0.10).holds(trend)).isTrue();
    assertThat(Tolerance.drift(1, 0.10).holds(trend)).isFalse();
  }

  @Test
  void theWarmUpIsLeftOutAndTooFewSamplesAreUnknown() {
    double[] t = {0, 10, 20, 30};
    double[] v = {0, 50, 50, 50};
    assertThat(Trend.of(new Series("s", t, v), 5).change()).isZero();
    assertThat(Trend.of(new Series("s", t, v), 15).isKnown()).isFalse();
  }

  @Test
  void theReportNamesTheWorkDirectoryWithoutTheMachinesOwnPath() {
    assertThat(SoakReport.shown(Path.of("/somewhere/repo/target/soak/run-1")))
        .isEqualTo("target/soak/run-1");
    assertThat(SoakReport.shown(Path.of("/tmp/elsewhere/run-2"))).isEqualTo("run-2");
  }

  @Test
  void chartStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(SvgChart.niceStep(0.7)).isEqualTo(1);
    assertThat(SvgChart.niceStep(13)).isEqualTo(20);
    assertThat(SvgChart.niceStep(300)).isEqualTo(500);
    assertThat(SvgChart.niceStep(0)).isEqualTo(1);
  }
}
