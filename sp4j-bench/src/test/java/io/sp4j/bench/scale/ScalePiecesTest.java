package io.sp4j.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The scale runner's option and answer parsing. */
class ScalePiecesTest {

  @Test
  void optionsParseAndAnEmptyValueCountsAsNotGiven() {
    ScaleOptions o = new ScaleOptions(new String[] {"--subs", "12", "--nn", ""});
    assertThat(o.integer("subs", 1)).isEqualTo(12);
    assertThat(o.integer("conns", 5)).isEqualTo(5);
    assertThat(o.has("nn")).isFalse();
    assertThat(o.text("nn", "none")).isEqualTo("none");
  }

  @Test
  void aValueWithoutItsOptionNameIsRefused() {
    assertThatThrownBy(() -> new ScaleOptions(new String[] {"subs", "12"}))
        .hasMessageContaining("not an option: subs");
  }

  @Test
  void fieldsParseFromARolesAnswer() {
    assertThat(RoleProcess.field("report delivered=7 span_ns=9", "span_ns")).isEqualTo("9");
    assertThatThrownBy(() -> RoleProcess.field("report delivered=7", "min"))
        .hasMessageContaining("no min in: report delivered=7");
  }

  @Test
  void childrenRunTheRolesClassOnThisClassPath() {
    assertThat(ChildCommand.java(new ScaleOptions(new String[] {"--java-opts", "-Xmx64m"}), "pull"))
        .endsWith(
            "-Xmx64m", "-cp", System.getProperty("java.class.path"), Roles.class.getName(), "pull");
  }
}
