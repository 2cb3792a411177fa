package io.sp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad command lines: nanocat's checks, each failing with one line on stderr and nanocat's status.
 */
@Timeout(30) // a line that wrongly passes would start a receive loop
class CommandLineTest {

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of(
            "unknown long flag",
            "--pull --bind inproc://a --foo",
            "spcat: Unknown option ``--foo''"),
        Arguments.of(
            "unknown short flag", "--pull --bind inproc://a -z", "spcat: Unknown option ``-z''"),
        Arguments.of(
            "unknown short flag in a cluster",
            "--pull --bind inproc://a -Az",
            "spcat: Unknown option ``-z''"),
        Arguments.of(
            "stray argument",
            "--pull --bind inproc://a extra",
            "spcat: Unexpected argument ``extra''"),
        Arguments.of(
            "nothing at all",
            "",
            "spcat: At least one of the following is required: --push, --pull, --pub, --sub, --req, --rep,"
                + " --surveyor, --respondent, --bus, --pair, --bind, --connect, --bind-ipc (-X),"
                + " --connect-ipc (-x), --bind-local (-L), --connect-local (-l)"),
        Arguments.of(
            "missing socket type",
            "--bind inproc://a",
            "spcat: At least one of the following is required: --push, --pull, --pub, --sub, --req, --rep,"
                + " --surveyor, --respondent, --bus, --pair"),
        Arguments.of(
            "missing endpoint",
            "--pull",
            "spcat: At least one of the following is required: --bind, --connect, --bind-ipc (-X),"
                + " --connect-ipc (-x), --bind-local (-L), --connect-local (-l)"),
        Arguments.of(
            "two socket types",
            "--pub --sub --bind inproc://a",
            "spcat: Option --sub conflicts with --pub"),
        Arguments.of(
            "one socket type twice",
            "--pull --pull --bind inproc://a",
            "spcat: Option --pull conflicts with --pull"),
        Arguments.of(
            "a conflict is found before a later unknown flag",
            "--req --rep --foo",
            "spcat: Option --rep conflicts with --req"),
        Arguments.of(
            "--data and --file",
            "--push --bind inproc://a -D x -F /dev/null",
            "spcat: Option --file (-F) conflicts with --data (-D)"),
        Arguments.of(
            "--data twice",
            "--push --bind inproc://a -D x -D y",
            "spcat: Option --data (-D) conflicts with --data (-D)"),
        Arguments.of(
            "--data on a read-only socket",
            "--sub --connect inproc://a -D x",
            "spcat: Option --data (-D) requires one of --push, --pub, --req, --rep, --surveyor, --respondent,"
                + " --bus, --pair"),
        Arguments.of(
            "a send-only socket without data",
            "--pub --bind inproc://a",
            "spcat: Option --pub requires one of --data (-D), --file (-F)"),
        Arguments.of(
            "a REQ without data",
            "--req --connect inproc://a",
            "spcat: Option --req requires one of --data (-D), --file (-F)"),
        Arguments.of(
            "a format on a send-only socket",
            "--push --bind inproc://a -D x -A",
            "spcat: Option --ascii (-A) requires one of --pull, --sub, --req, --rep, --surveyor, --respondent,"
                + " --bus, --pair"),
        Arguments.of(
            "a receive timeout on a send-only socket",
            "--pub --bind inproc://a -D x --recv-timeout 1",
            "spcat: Option --recv-timeout requires one of --pull, --sub, --req, --rep, --surveyor,"
                + " --respondent, --bus, --pair"),
        Arguments.of(
            "an interval on a read-only socket",
            "--pull --bind inproc://a -i 1",
            "spcat: Option --interval (-i) requires one of --push, --pub, --req, --rep, --surveyor,"
                + " --respondent, --bus, --pair"),
        Arguments.of(
            "--subscribe without --sub",
            "--pull --bind inproc://a --subscribe x",
            "spcat: Option --subscribe requires one of --sub"),
        Arguments.of(
            "--text on a read-only socket",
            "--pull --bind inproc://a --text",
            "spcat: Option --text requires one of --push, --pub, --req, --rep, --surveyor, --respondent,"
                + " --bus, --pair"),
        Arguments.of(
            "a time that is not a number",
            "--req --connect inproc://a -D x -i abc",
            "spcat: Option --interval (-i) requires float point argument"),
        Arguments.of(
            "a time with a C suffix",
            "--pull --bind inproc://a --recv-timeout 1f",
            "spcat: Option --recv-timeout requires float point argument"),
        Arguments.of(
            "a flag where a time should be",
            "--recv-timeout -A --pull --bind inproc://a",
            "spcat: Option --recv-timeout requires float point argument"),
        Arguments.of(
            "a value missing at the end",
            "--push --bind inproc://a -D x --delay",
            "spcat: Option --delay (-d) requires an argument"),
        Arguments.of(
            "a value given to a flag",
            "--pull --bind inproc://a --ascii=yes",
            "spcat: Option --ascii does not accept an argument"),
        Arguments.of(
            "an unknown format",
            "--pull --bind inproc://a --format bogus",
            "spcat: Invalid value ``bogus'' for --format; one of: no, raw, ascii, quoted, msgpack, hex"),
        Arguments.of(
            "an ambiguous prefix",
            "--pu --bind inproc://a",
            "spcat: Ambiguous option ``--pu'': --push, --pull, --pub"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badCommandLines")
  void badCommandLineFailsWithOneLineAndStatus1(String what, String line, String error) {
    SpCatRun run = SpCatRun.run(split(line));

    assertThat(run.status()).as(what).isEqualTo(1);
    assertThat(run.stderr()).isEqualTo(error + System.lineSeparator());
    assertThat(run.stdout()).isEmpty();
  }

  static Stream<Arguments> socketErrors() {
    return Stream.of(
        Arguments.of(
            "a URL without a scheme", "--push --bind nowhere -D x", "Can't bind: Invalid argument"),
        Arguments.of(
            "an unknown scheme",
            "--push --bind zmq://a -D x",
            "Can't bind: Protocol not supported"),
        Arguments.of(
            "a tcp address without a port",
            "--push --connect tcp://127.0.0.1 -D x",
            "Can't connect: Invalid argument"),
        Arguments.of(
            "a tcp port out of range",
            "--push --bind tcp://127.0.0.1:99999 -D x",
            "Can't bind: Invalid argument"),
        Arguments.of(
            "a malformed ws URL",
            "--push --connect ws://[::1 -D x",
            "Can't connect: Invalid argument"),
        Arguments.of(
            "a send that times out",
            "--push --bind inproc://spcat-no-peer -D x --send-timeout 0.1",
            "Can't send: Connection timed out"),
        Arguments.of(
            "a REP whose request never comes",
            "--rep --bind inproc://spcat-no-req -D x --recv-timeout 0",
            "Can't recv: Connection timed out"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("socketErrors")
  void socketErrorFailsWithNanocatsLineAndStatus3(String what, String line, String error) {
    SpCatRun run = SpCatRun.run(split(line));

    assertThat(run.status()).as(what).isEqualTo(3);
    assertThat(run.stderr()).isEqualTo(error + System.lineSeparator());
  }

  @Test
  void verboseAddsSp4jsReasonOnTheSameLine() {
    SpCatRun run = SpCatRun.run(split("--push --bind zmq://a -D x -v"));

    assertThat(run.status()).isEqualTo(3);
    assertThat(run.stderr())
        .startsWith("Can't bind: Protocol not supported (")
        .contains("zmq")
        .hasLineCount(1);
  }

  @Test
  void addressInUseIsReportedAsNanocatDoes() {
    try (io.sp4j.Socket holder = io.sp4j.Socket.open(io.sp4j.Protocol.PULL)) {
      holder.bind("inproc://spcat-taken");

      SpCatRun run = SpCatRun.run(split("--push --bind inproc://spcat-taken -D x"));

      assertThat(run.status()).isEqualTo(3);
      assertThat(run.stderr())
          .isEqualTo("Can't bind: Address already in use" + System.lineSeparator());
    }
  }

  @Test
  void missingDataFileIsStatus2(@TempDir Path dir) {
    Path missing = dir.resolve("missing.bin");
    SpCatRun run = SpCatRun.run("--push", "--bind", "inproc://a", "-F", missing.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.stderr())
        .isEqualTo(
            "Error opening file ``"
                + missing
                + "'': No such file or directory"
                + System.lineSeparator());
  }

  @Test
  void dataFileThatIsADirectoryIsStatus2(@TempDir Path dir) {
    SpCatRun run = SpCatRun.run("--push", "--bind", "inproc://a", "-F", dir.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.stderr())
        .isEqualTo("Error reading file ``" + dir + "'': Is a directory" + System.lineSeparator());
  }

  @Test
  void helpPrintsUsageAndExits0EvenBeforeAnUnknownFlag() {
    SpCatRun run = SpCatRun.run("--pub", "--help", "--foo");

    assertThat(run.status()).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(run.stdoutText())
        .startsWith("Usage: spcat ")
        .contains("--connect-local=PORT", "--text", "--msgpack");
  }

  @Test
  void unknownFlagBeforeHelpStillFails() {
    SpCatRun run = SpCatRun.run("--foo", "--help");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.stderr()).isEqualTo("spcat: Unknown option ``--foo''" + System.lineSeparator());
  }

  @Test
  void helpListsOptionsInNanocatsOrder() {
    String full = SpCatRun.run("-h").stdoutText();
    String help = full.substring(full.indexOf("--verbose"));

    assertThat(help).startsWith("--verbose");
    assertThat(help.indexOf("--push")).isLessThan(help.indexOf("--bind="));
    assertThat(help.indexOf("--bind=")).isLessThan(help.indexOf("--format="));
    assertThat(help.indexOf("--format=")).isLessThan(help.indexOf("--data="));
  }

  private static String[] split(String line) {
    return line.isEmpty() ? new String[0] : line.split(" ");
  }
}
