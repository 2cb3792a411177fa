package io.sp4j.bench.soak;

import java.util.List;

/** Some of a {@link Tally}'s counters as they grew since the last call, for one CSV row. */
final class TallyDeltas {
  private final Tally tally;
  private final List<Tally.Count> counts;
  private final long[] last;

  TallyDeltas(Tally tally, List<Tally.Count> counts) {
    this.tally = tally;
    this.counts = List.copyOf(counts);
    this.last = new long[counts.size()];
  }

  List<String> columns() {
    return counts.stream().map(Tally.Count::column).toList();
  }

  long[] next() {
    long[] delta = new long[counts.size()];
    for (int i = 0; i < delta.length; i++) {
      long value = tally.get(counts.get(i));
      delta[i] = value - last[i];
      last[i] = value;
    }
    return delta;
  }
}
