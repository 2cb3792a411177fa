module io.sp4j {
  exports io.sp4j;
}
