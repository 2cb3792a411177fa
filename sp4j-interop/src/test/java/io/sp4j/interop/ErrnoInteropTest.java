package io.sp4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Errno;
import io.sp4j.nn.Nn;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Errno} against libnanomsg itself ({@code src/test/c/nn_errors.c}): the same names as
 * nanomsg's {@code nn_symbol} error table, each with its number and {@code nn_strerror} text, and
 * the facade's {@code nn_strerror} and constants agree.
 */
class ErrnoInteropTest {
  /** One line of nn_errors: NAME, NUMBER and nn_strerror's text. */
  private record CError(String name, int number, String text) {
    static CError parse(String line) {
      String[] fields = line.split("\t", 3);
      return new CError(fields[0], Integer.parseInt(fields[1]), fields[2]);
    }
  }

  private static Map<String, CError> nanomsg;

  @BeforeAll
  static void listNanomsgsErrors() {
    CPeers peer = CPeers.NANOMSG;
    String program =
        CPeers.compile("nn_errors", "nanomsg", peer.header(), peer.debianPackage()).toString();
    try (PeerProcess errors = PeerProcess.start(List.of(program))) {
      assertThat(errors.waitFor(Duration.ofSeconds(30)))
          .as("nn_errors exit; %s", errors.output())
          .isZero();
      nanomsg =
          errors
              .stdoutText()
              .lines()
              .map(CError::parse)
              .collect(Collectors.toMap(CError::name, Function.identity()));
    }
  }

  @Test
  void errnoNamesAreNanomsgsErrorSymbols() {
    assertThat(Arrays.stream(Errno.values()).map(Errno::name))
        .containsExactlyInAnyOrderElementsOf(
            nanomsg.keySet().stream().filter(name -> !name.equals("unknown")).toList());
  }

  @ParameterizedTest(name = "{0}: number and text as libnanomsg's")
  @EnumSource(Errno.class)
  void numberAndTextAreNanomsgs(Errno errno) throws ReflectiveOperationException {
    CError c = nanomsg.get(errno.name());
    assertThat(c).as("libnanomsg's %s", errno).isNotNull();
    assertThat(errno.number()).as("number").isEqualTo(c.number());
    assertThat(errno.message()).as("nn_strerror text").isEqualTo(c.text());
    assertThat(Nn.nn_strerror(c.number())).as("sp4j's nn_strerror").isEqualTo(c.text());
    assertThat(Nn.class.getField(errno.name()).getInt(null))
        .as("Nn.%s", errno)
        .isEqualTo(c.number());
  }

  @Test
  void unknownNumberReadsAsNanomsgsText() {
    CError unknown = nanomsg.get("unknown");
    assertThat(Errno.fromNumber(unknown.number())).isEmpty();
    assertThat(Nn.nn_strerror(unknown.number())).isEqualTo(unknown.text());
  }
}
