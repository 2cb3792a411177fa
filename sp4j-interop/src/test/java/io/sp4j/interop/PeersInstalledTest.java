package io.sp4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The peers are a requirement, not an option: when one is missing this fails (never skips), so a CI
 * run without them cannot pass by testing nothing.
 */
class PeersInstalledTest {

  @ParameterizedTest(name = "{0} is installed")
  @EnumSource(Cli.class)
  void commandLinePeerIsInstalled(Cli cli) {
    assertThat(Tools.require(cli.executable(), cli.debianPackage())).isExecutable();
  }

  @ParameterizedTest(name = "{0} C peer builds")
  @EnumSource(CPeers.class)
  void cPeerBuilds(CPeers peer) {
    Tools.requireHeader(peer.header(), peer.debianPackage());
    assertThat(Files.isExecutable(peer.executable())).isTrue();
  }

  @Test
  void gccIsInstalled() {
    assertThat(Tools.require("gcc", "gcc")).isExecutable();
  }
}
