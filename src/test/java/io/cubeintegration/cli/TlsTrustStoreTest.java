package io.cubeintegration.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.cubeintegration.cli.ApplicationProcess.Result;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cube over https with a certificate of a private authority, as behind a corporate TLS proxy. */
class TlsTrustStoreTest extends ApplicationProcessTestSupport {

    private static final String TRUST_PASSWORD = "trust-pw-91c2";

    private Path trustStore;

    /** A simulator over https, its certificate issued by an authority of the test's own: a truststore holds it. */
    @Override
    protected SimulatorSettings simulatorSettings() throws Exception {
        Path keyStore = workDir.resolve("server.p12");
        Path certificate = workDir.resolve("server.cer");
        trustStore = workDir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "cube", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "server-pw", "-keypass", "server-pw");
        keytool("-exportcert", "-alias", "cube", "-keystore", keyStore.toString(), "-storepass", "server-pw",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "cube", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", TRUST_PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "server-pw".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "server-pw".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return SimulatorSettings.builder().tls(tls).build();
    }

    // With the authority's truststore configured, https works without CUBE_ALLOW_HTTP; without it, the run fails
    // with the certificate problem named, and the truststore password is never printed.
    @Test
    void truststoreMakesAPrivateAuthorityTrusted() throws Exception {
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), ApplicationEnvironment.SHIPPED_FEEDS);
        environment.remove("CUBE_ALLOW_HTTP");
        assertTrue(cube.baseUrl().toString().startsWith("https://"));

        Result untrusted = ApplicationProcess.run(workDir, environment, "--once", "--feed", "campaigns");
        environment.put("CUBE_TRUSTSTORE", trustStore.toString());
        environment.put("CUBE_TRUSTSTORE_PASSWORD", TRUST_PASSWORD);
        Result trusted = ApplicationProcess.run(workDir, environment, "--once", "--feed", "campaigns");

        assertEquals(1, untrusted.exitCode(), untrusted.output());
        assertTrue(untrusted.output().contains("unable to find valid certification path"), untrusted.output());
        assertEquals(0, trusted.exitCode(), trusted.output());
        assertTrue(trusted.output().contains("feed campaigns: run ok"), trusted.output());
        assertFalse(trusted.output().contains(TRUST_PASSWORD), "the truststore password is not printed");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed: " + output);
    }
}
