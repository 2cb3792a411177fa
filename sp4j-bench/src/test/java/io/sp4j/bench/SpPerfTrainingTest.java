package io.sp4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The archive's training run really measures: every pair of tools ends with status 0. */
@Timeout(120)
class SpPerfTrainingTest {

  @Test
  void everyPairRunsToItsEnd() throws Exception {
    assertThat(SpPerfTraining.runPairs()).isZero();
  }
}
