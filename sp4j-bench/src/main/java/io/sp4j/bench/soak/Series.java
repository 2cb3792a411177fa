package io.sp4j.bench.soak;

/** One line of a chart: values over time (seconds since the run began). */
@SuppressWarnings("ArrayRecordComponent") // drawn, never compared or hashed
record Series(String label, double[] times, double[] values) {
  Series scaled(double factor) {
    double[] scaled = values.clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= factor;
    }
    return new Series(label, times, scaled);
  }
}
