package io.sp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiveBudgetTest {

  @Test
  void aReservationFitsTheBudgetOrTakesNothing() {
    MemoryBudget budget = MemoryBudget.standalone(100);
    assertThat(budget.tryReserve(60)).isTrue();
    assertThat(budget.tryReserve(41)).isFalse();
    assertThat(budget.used()).isEqualTo(60);
    assertThat(budget.tryReserve(40)).isTrue();
    budget.release(100);
    assertThat(budget.used()).isZero();
  }

  @Test
  void aSocketsReservationMustFitTheProcessBudgetToo() {
    long processFree = MemoryBudget.PROCESS.limit() - MemoryBudget.PROCESS.used();
    MemoryBudget socket = MemoryBudget.ofSocket(-1);
    assertThat(socket.tryReserve(processFree + 1)).as("beyond the process budget").isFalse();
    assertThat(socket.used()).isZero();
    long before = MemoryBudget.PROCESS.used();
    assertThat(socket.tryReserve(1000)).isTrue();
    assertThat(MemoryBudget.PROCESS.used()).isEqualTo(before + 1000);
    socket.release(1000);
    assertThat(MemoryBudget.PROCESS.used()).isEqualTo(before);
  }

  @Test
  void whatIsForcedCountsAgainstLaterReservations() {
    MemoryBudget budget = MemoryBudget.standalone(100);
    budget.force(150);
    assertThat(budget.tryReserve(1)).isFalse();
    budget.release(150);
    assertThat(budget.tryReserve(100)).isTrue();
  }

  @Test
  void theSocketOptionSetsTheSocketsOwnLimit() {
    try (Socket socket = Socket.open(Protocol.PULL)) {
      assertThat(socket.get(Options.RECEIVE_BUDGET)).isEqualTo(-1L);
      socket.set(Options.RECEIVE_BUDGET, 4096L);
      assertThat(((CoreSocket) socket).receiveBudget().limit()).isEqualTo(4096);
      socket.set(Options.RECEIVE_BUDGET, -1L);
      assertThat(((CoreSocket) socket).receiveBudget().limit()).isEqualTo(Long.MAX_VALUE);
      assertThatThrownBy(() -> socket.set(Options.RECEIVE_BUDGET, 0L))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RECEIVE_BUDGET");
    }
  }

  @ParameterizedTest(name = "''{0}'' of a 1 GiB heap is {1} bytes")
  @CsvSource({
    "'', 268435456",
    "25%, 268435456",
    "100%, 1073741824",
    "1%, 10737418",
    "4096, 4096",
    "64k, 65536",
    "64m, 67108864",
    "2G, 2147483648",
    " 8M , 8388608"
  })
  void theProcessBudgetIsBytesOrAShareOfTheHeap(String setting, long expected) {
    assertThat(MemoryBudget.parse(setting, 1L << 30)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "0%", "101%", "lots", "12q", "m", "99999999999999999999"})
  void aBadProcessBudgetNamesThePropertyAndWhatItAllows(String setting) {
    assertThatThrownBy(() -> MemoryBudget.parse(setting, 1L << 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MemoryBudget.PROPERTY)
        .hasMessageContaining("allowed");
  }
}
