package io.sp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The archive's training run really talks: a REQ gets its REP's reply over tcp:// and ws://. */
@Timeout(60)
class TrainingTest {

  @Test
  void eachTransportCarriesARoundTrip() {
    assertThat(Training.roundTrips()).containsExactly("pong\n", "pong\n");
  }
}
