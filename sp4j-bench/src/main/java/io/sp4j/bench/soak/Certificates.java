package io.sp4j.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The wss:// certificate: a self-signed one for 127.0.0.1 made at start by the JDK's keytool (as
 * the sp4j tests make theirs; no dependency needed), kept in the run's work directory so that the
 * client process can trust exactly it. The store's password only guards a throw-away key for the
 * loopback address.
 */
final class Certificates {
  static final String FILE = "server.p12";
  private static final char[] PASSWORD = "sp4j-soak".toCharArray();

  private Certificates() {}

  /** Makes a key pair and certificate in {@code dir}/{@value #FILE}, valid for two days. */
  static void create(Path dir) throws IOException, InterruptedException {
    Path file = dir.resolve(FILE);
    Files.deleteIfExists(file);
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "soak",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=sp4j-soak",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      keytool.destroyForcibly();
      throw new IOException("keytool could not make the certificate: " + output);
    }
  }

  /** The server's context: presents the certificate. */
  static SSLContext serving(Path dir) throws IOException, GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(dir), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** The clients' context: trusts that certificate and no other. */
  static SSLContext trusting(Path dir) throws IOException, GeneralSecurityException {
    KeyStore store = load(dir);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("soak", store.getCertificate(store.aliases().nextElement()));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path dir) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(FILE))) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
