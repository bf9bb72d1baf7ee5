package io.cubeintegration.container;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import io.cubeintegration.state.StateDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Dockerfile and the Kubernetes manifests in config/k8s agree with what the build and the settings produce: the
 * jar and lib folder pom.xml builds, the management port and health path of config/application.properties, and the
 * build command of README.md; the build runs offline on a dependency layer of its own, and of config/ the image and
 * its build context (.dockerignore) hold the settings file only. No Docker engine is needed: the files are read, not
 * built. The expected values are read from pom.xml, the properties and the README wherever they are written there.
 */
class DockerfileConsistencyTest {

    /** Camel Main's default of camel.management.health-path. */
    private static final String CAMEL_DEFAULT_HEALTH_PATH = "/observe/health";
    /** Where camel-micrometer-prometheus serves the metrics on the management server (not a setting). */
    private static final String CAMEL_METRICS_PATH = "/observe/metrics";
    private static final String PORT_SETTING = "cube.management-port";
    /** The one file of config/ the application reads (Settings' default) and the build puts in the jar. */
    private static final String SETTINGS_FILE = "config/application.properties";

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    private static Dockerfile dockerfile;
    private static Pom pom;
    private static Properties settings;
    private static Manifests single;
    private static Manifests cluster;

    @BeforeAll
    static void readFiles() throws Exception {
        dockerfile = Dockerfile.parse(ROOT.resolve("Dockerfile"));
        pom = Pom.parse(ROOT.resolve("pom.xml"));
        settings = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("config/application.properties"), StandardCharsets.UTF_8)) {
            settings.load(reader);
        }
        List<Map<String, Object>> shared = read(ROOT.resolve("config/k8s"));
        single = new Manifests("config/k8s", shared);
        // the cluster variant replaces the Deployment and adds its own files to the shared ConfigMap, Service and Secret
        List<Map<String, Object>> clustered = new ArrayList<>(shared.stream().filter(m -> !"Deployment".equals(m.get("kind"))).toList());
        clustered.addAll(read(ROOT.resolve("config/k8s/cluster")));
        cluster = new Manifests("config/k8s/cluster", clustered);
    }

    private static List<Map<String, Object>> read(Path folder) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                    if (document != null) {
                        documents.add(map(document, file.getFileName().toString()));
                    }
                }
            }
        }
        return documents;
    }

    /** The single-instance manifests and the cluster's: every check of a Deployment holds for both. */
    static Stream<Manifests> variants() {
        return Stream.of(single, cluster);
    }

    // The build stage runs the very build command the README documents, so the image is built the way users build.
    @Test
    void buildStageRunsTheReadmeBuildCommand() throws IOException {
        String command = readmeBuildCommand();
        Stage build = dockerfile.buildStage();
        assertTrue(build.runCommand(command).isPresent(),
                "the build stage '" + build.name + "' should RUN the README's build command `" + command + "`");
    }

    // The build's downloads are a layer of their own, made by the README's build command on pom.xml alone (so it
    // resolves what the build resolves: every plugin and its dependencies, the compile, test and runtime class paths),
    // and the build that follows the sources runs that command offline: an artifact the layer missed fails the image's
    // build instead of being fetched again at every source change.
    @Test
    void buildRunsOfflineOnADependencyLayerOfThePomAlone() throws IOException {
        String command = readmeBuildCommand();
        Stage build = dockerfile.buildStage();
        List<Instruction> runs = build.runsOf(command);
        assertTrue(runs.size() >= 2, "the build stage should RUN `" + command + "` twice: on pom.xml alone to fetch what the "
                + "build needs, then offline on the sources; it runs it " + runs.size() + " time(s)");
        Instruction resolve = runs.get(0);
        Instruction packaging = runs.get(runs.size() - 1);
        List<String> copiedBefore = build.contextSourcesBefore(resolve);
        assertEquals(List.of("pom.xml"), copiedBefore, "the dependency layer should depend on pom.xml alone: `" + resolve.args + "`");
        assertFalse(resolve.offline(), "the dependency layer is where Maven downloads: `" + resolve.args + "`");
        assertTrue(build.contextSourcesBefore(packaging).contains("src"), "the last build should follow COPY src/: `" + packaging.args + "`");
        assertTrue(packaging.offline(), "the build on the sources should run offline (-o), so that the dependency layer "
                + "has to be complete: `" + packaging.args + "`");
    }

    // Of config/ the image takes only the settings file, which the application reads from config/ below its working
    // directory: not the Kubernetes manifests (config/k8s) nor the Grafana dashboard (config/grafana), which are the
    // operators'. .dockerignore keeps every other file of config/ out of the build context, so no COPY can bring one in.
    @Test
    void imageTakesOnlyTheSettingsFileOfConfig() throws IOException {
        List<String> fromConfig = dockerfile.stages.stream().flatMap(stage -> stage.instructions.stream())
                .filter(i -> i.isCopy() && i.copyFrom().isEmpty()).flatMap(i -> i.copySources().stream())
                .map(DockerfileConsistencyTest::contextPath).filter(p -> p.equals("config") || p.startsWith("config/")).toList();
        assertFalse(fromConfig.isEmpty(), "the Dockerfile copies nothing of config/");
        for (String source : fromConfig) {
            assertEquals(SETTINGS_FILE, source, "of config/ the Dockerfile should copy " + SETTINGS_FILE + " only");
        }
        Stage runtime = dockerfile.runtime();
        Path workdir = runtime.last("ENTRYPOINT").orElseThrow().workdir();
        assertTrue(runtime.contextCopyTargets(SETTINGS_FILE).contains(workdir.resolve(SETTINGS_FILE).normalize()),
                "the runtime stage should COPY " + SETTINGS_FILE + " to " + workdir.resolve(SETTINGS_FILE) + " (where the "
                        + "application looks for it), not to " + runtime.contextCopyTargets(SETTINGS_FILE));

        List<String> ignored = dockerIgnorePatterns();
        List<String> left = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("config"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = ROOT.relativize(file).toString().replace('\\', '/');
                if (relative.equals(SETTINGS_FILE)) {
                    assertFalse(dockerIgnores(ignored, relative), SETTINGS_FILE + " is excluded by .dockerignore");
                } else if (!dockerIgnores(ignored, relative)) {
                    left.add(relative);
                }
            }
        }
        assertEquals(List.of(), left, "these files of config/ would be in the build context: .dockerignore should exclude them");
    }

    // Podman and Buildah build the OCI format by default, which has no HEALTHCHECK: they drop it. Where the build is
    // described, the Dockerfile's header and docs/operations.md, it says --format docker.
    @Test
    void podmanBuildIsToldToKeepTheHealthcheck() throws IOException {
        assertTrue(dockerfile.runtime().last("HEALTHCHECK").isPresent(), "no HEALTHCHECK");
        assertTrue(Files.readString(ROOT.resolve("Dockerfile")).contains("podman build --format docker"),
                "the Dockerfile's header should show `podman build --format docker`: the OCI format drops the HEALTHCHECK");
        assertTrue(Files.readString(ROOT.resolve("docs/operations.md")).contains("podman build --format docker"),
                "docs/operations.md should show `podman build --format docker`: the OCI format drops the HEALTHCHECK");
    }

    // The image's lib/ holds no embedded Kafka broker, Scala or their friends: the runtime dependencies of the build
    // the Dockerfile runs (its profiles; the broker is a provided dependency, which target/demo holds) are asked of Maven.
    @Test
    void imageLibHoldsNoEmbeddedBroker() throws Exception {
        Path listing = Files.createTempFile("runtime-dependencies", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q",
                    "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list", "-DincludeScope=runtime",
                    "-DoutputFile=" + listing));
            Matcher profiles = Pattern.compile("\\s(-P\\S+)").matcher(readmeBuildCommand());
            while (profiles.find()) {
                command.add(profiles.group(1));
            }
            Process maven = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, maven.waitFor(), output);
            String dependencies = Files.readString(listing);
            assertTrue(dependencies.contains("org.apache.kafka:kafka-clients:"), "the listing holds the runtime dependencies: " + dependencies);
            for (String left : List.of("org.apache.kafka:kafka_2.13:", "org.scala-lang:scala-library:")) {
                assertFalse(dependencies.contains(left), left + " would be in the image's lib/: " + dependencies);
            }
        } finally {
            Files.deleteIfExists(listing);
        }
    }

    // The runtime stage copies the jar and the lib folder from where pom.xml's build puts them, and puts lib/ where
    // the jar's manifest Class-Path (classpathPrefix) expects it: beside the jar.
    @Test
    void runtimeStageCopiesTheJarAndLibTheBuildProduces() throws IOException {
        Stage build = dockerfile.buildStage();
        Path builtJar = built(pom.buildDirectory + "/" + pom.finalName + ".jar");
        Path builtLib = built(pom.libDirectory);

        Path jar = dockerfile.runtime().copiedFrom(build, builtJar, false)
                .orElseThrow(() -> new AssertionError("the runtime stage should COPY --from=" + build.name + " " + builtJar
                        + " (target/" + pom.finalName + ".jar of pom.xml's <finalName>)"));
        Path lib = dockerfile.runtime().copiedFrom(build, builtLib, true)
                .orElseThrow(() -> new AssertionError("the runtime stage should COPY --from=" + build.name + " " + builtLib
                        + " (the maven-dependency-plugin's outputDirectory " + pom.libDirectory + ")"));
        assertEquals(jar.getParent().resolve(pom.classpathPrefix).normalize(), lib,
                "the dependencies should land where the jar's manifest Class-Path looks for them ('"
                        + pom.classpathPrefix + "' beside " + jar + ")");
    }

    // The ENTRYPOINT is exec form (java gets SIGTERM as PID 1) and runs `java -jar` on the jar the image holds.
    @Test
    void entrypointRunsTheCopiedJar() throws IOException {
        Stage runtime = dockerfile.runtime();
        Instruction entrypoint = runtime.last("ENTRYPOINT").orElseThrow(() -> new AssertionError("no ENTRYPOINT"));
        List<String> command = entrypoint.jsonArray()
                .orElseThrow(() -> new AssertionError("ENTRYPOINT should be exec form (a JSON array): " + entrypoint.args));
        assertEquals("java", Path.of(command.get(0)).getFileName().toString(), "ENTRYPOINT should run java: " + command);
        int jarFlag = command.indexOf("-jar");
        assertTrue(jarFlag > 0 && jarFlag + 1 < command.size(), "ENTRYPOINT should run java -jar <jar>: " + command);

        Path jar = entrypoint.workdir().resolve(command.get(jarFlag + 1)).normalize();
        assertEquals(pom.finalName + ".jar", jar.getFileName().toString(), "ENTRYPOINT should run pom.xml's jar");
        Path builtJar = built(pom.buildDirectory + "/" + pom.finalName + ".jar");
        assertEquals(runtime.copiedFrom(dockerfile.buildStage(), builtJar, false).orElse(null), jar,
                "ENTRYPOINT should run the jar copied from the build stage");
    }

    // The class archive the ENTRYPOINT maps is the one a RUN of the runtime stage dumps, with the same jar, in the
    // ENTRYPOINT's folder: an archive nobody makes would only cost a warning at every start.
    @Test
    void entrypointMapsTheClassArchiveTheImageMakes() {
        Stage runtime = dockerfile.runtime();
        Instruction entrypoint = runtime.last("ENTRYPOINT").orElseThrow();
        List<String> command = entrypoint.jsonArray().orElseThrow();
        String archive = command.stream().filter(option -> option.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .orElseThrow(() -> new AssertionError("ENTRYPOINT maps no class archive: " + command))
                .substring("-XX:SharedArchiveFile=".length());
        String jar = command.get(command.indexOf("-jar") + 1);
        Instruction training = runtime.all("RUN").stream().filter(run -> run.args.contains("-XX:ArchiveClassesAtExit=" + archive))
                .findFirst().orElseThrow(() -> new AssertionError("no RUN of the runtime stage dumps " + archive));
        assertTrue(training.args.contains("-jar " + jar), "the training run should run the ENTRYPOINT's jar: " + training.args);
        assertEquals(entrypoint.workdir(), training.workdir(), "the archive is made where the ENTRYPOINT looks for it");
    }

    // EXPOSE and ENV CUBE_MANAGEMENT_PORT carry cube.management-port, and Camel's management server is wired to it.
    @Test
    void managementPortIsExposedAndSet() {
        int port = managementPort();
        Stage runtime = dockerfile.runtime();
        List<Integer> exposed = runtime.all("EXPOSE").stream()
                .flatMap(expose -> List.of(expose.args.trim().split("\\s+")).stream())
                .map(p -> Integer.parseInt(runtime.resolve(p.replaceFirst("/(tcp|udp)$", ""))))
                .toList();
        assertTrue(exposed.contains(port), "EXPOSE " + exposed + " should include cube.management-port " + port);
        assertEquals(String.valueOf(port), runtime.env().get(envName(PORT_SETTING)),
                "ENV " + envName(PORT_SETTING) + " should be cube.management-port");

        String camelPort = settings.getProperty("camel.management.port");
        if (camelPort != null) {
            assertEquals(String.valueOf(port), resolvePlaceholders(camelPort),
                    "camel.management.port should be cube.management-port, not " + camelPort);
        }
    }

    // The HEALTHCHECK asks the readiness endpoint (health path + /ready) on the management port.
    @Test
    void healthcheckCallsTheReadinessEndpoint() {
        Stage runtime = dockerfile.runtime();
        Instruction healthcheck = runtime.last("HEALTHCHECK").orElseThrow(() -> new AssertionError("no HEALTHCHECK"));
        Matcher url = Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1|\\[::1])(?::([^/\\s\"']+))?(/[^\\s\"'?#]*)")
                .matcher(healthcheck.args);
        assertTrue(url.find(), "the HEALTHCHECK should call a local URL: " + healthcheck.args);
        assertNotNull(url.group(1), "the HEALTHCHECK URL should name the management port: " + url.group());
        assertEquals(String.valueOf(managementPort()), runtime.resolve(url.group(1)),
                "the HEALTHCHECK URL's port should be cube.management-port: " + url.group());
        assertEquals(healthPath() + "/ready", url.group(2), "the HEALTHCHECK should ask for readiness: " + url.group());
    }

    // Every file the Dockerfile copies from the build context exists in the repository and is not .dockerignore'd.
    @Test
    void everyPathCopiedFromTheBuildContextExists() throws IOException {
        List<String> ignored = dockerIgnorePatterns();
        List<String> sources = dockerfile.stages.stream().flatMap(stage -> stage.instructions.stream())
                .filter(i -> i.isCopy() && i.copyFrom().isEmpty())
                .flatMap(i -> i.copySources().stream()).toList();
        assertFalse(sources.isEmpty(), "the Dockerfile copies nothing from the build context");
        for (String source : sources) {
            String relative = contextPath(source);
            assertTrue(Files.exists(ROOT.resolve(relative)), "COPY " + source + ": no such path in the repository");
            assertFalse(dockerIgnores(ignored, relative), "COPY " + source + " is excluded by .dockerignore");
        }
    }

    // The Deployment's container port and its probes are the management port, liveness and readiness paths.
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void deploymentProbesUseTheManagementPortAndHealthPaths(Manifests k8s) {
        Map<String, Object> container = k8s.container();
        int port = managementPort();
        assertTrue(list(container.get("ports")).stream().map(p -> map(p, "ports"))
                        .anyMatch(p -> Integer.valueOf(port).equals(p.get("containerPort"))),
                "the container should declare containerPort " + port);
        Map<String, String> probes = Map.of("livenessProbe", healthPath() + "/live", "readinessProbe", healthPath() + "/ready",
                "startupProbe", healthPath() + "/live");
        probes.forEach((probe, path) -> {
            if (probe.equals("startupProbe") && !container.containsKey(probe)) {
                return;
            }
            Map<String, Object> httpGet = map(map(container.get(probe), probe).get("httpGet"), probe + ".httpGet");
            assertEquals(path, httpGet.get("path"), probe + " path");
            assertEquals(port, containerPort(container, httpGet.get("port")), probe + " port");
        });
        String portVariable = env(container).get(envName(PORT_SETTING));
        if (portVariable != null) {
            assertEquals(String.valueOf(port), portVariable, "the Deployment's " + envName(PORT_SETTING));
        }
    }

    // The Deployment mounts the routes, state and output folders where the image's WORKDIR and the relative defaults
    // of application.properties put them (the Dockerfile's VOLUMEs among them), and with a read-only root
    // filesystem every folder the application writes is a writable mount.
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void deploymentMountsMatchTheImageWorkdir(Manifests k8s) {
        Map<String, Object> container = k8s.container();
        Path workdir = dockerfile.runtime().last("ENTRYPOINT").orElseThrow().workdir();
        if (container.containsKey("workingDir")) {
            assertEquals(workdir, Path.of((String) container.get("workingDir")), "the container's workingDir");
        }
        Map<String, Map<String, Object>> mounts = new LinkedHashMap<>();
        list(container.get("volumeMounts")).stream().map(m -> map(m, "volumeMounts"))
                .forEach(m -> mounts.put(Path.of((String) m.get("mountPath")).normalize().toString(), m));
        Map<String, String> env = env(container);

        Path routes = folder(workdir, env, "cube.routes");
        Path state = folder(workdir, env, "cube.state-dir");
        Path out = folder(workdir, env, "cube.out-dir");
        for (Path folder : List.of(routes, state, out)) {
            assertTrue(mounts.containsKey(folder.toString()), "the Deployment should mount " + folder + "; mounts: " + mounts.keySet());
        }
        for (String volume : dockerfile.runtime().volumes()) {
            assertTrue(mounts.containsKey(workdir.resolve(volume).normalize().toString()),
                    "the Dockerfile's VOLUME " + volume + " should be mounted by the Deployment");
        }
        Object readOnlyRoot = map(container.getOrDefault("securityContext", Map.of()), "securityContext").get("readOnlyRootFilesystem");
        if (Boolean.TRUE.equals(readOnlyRoot)) {
            for (Path writable : List.of(state, out, containerTmpdir())) {
                Map<String, Object> mount = mounts.get(writable.normalize().toString());
                assertNotNull(mount, "readOnlyRootFilesystem needs a writable mount at " + writable);
                assertNotEquals(Boolean.TRUE, mount.get("readOnly"), writable + " must be writable");
            }
        }
    }

    // The Deployment runs as the Dockerfile's numeric non-root USER.
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void deploymentRunsAsTheImageUser(Manifests k8s) {
        String user = dockerfile.runtime().last("USER").orElseThrow(() -> new AssertionError("no USER: the image runs as root"))
                .args.trim().split(":")[0];
        assertTrue(user.matches("\\d+") && !user.equals("0"),
                "USER should be a numeric non-root uid (runAsNonRoot can only verify a number): " + user);
        Map<String, Object> pod = k8s.podSpec();
        Map<String, Object> context = new LinkedHashMap<>(map(pod.getOrDefault("securityContext", Map.of()), "securityContext"));
        context.putAll(map(k8s.container().getOrDefault("securityContext", Map.of()), "securityContext"));
        assertEquals(Boolean.TRUE, context.get("runAsNonRoot"), "runAsNonRoot");
        assertEquals(Integer.parseInt(user), context.get("runAsUser"), "runAsUser should be the Dockerfile's USER");
    }

    // Every key of the Secret is consumed by the Deployment, and every secret the Deployment reads is declared.
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void secretKeysAreConsumedByTheDeployment(Manifests k8s) {
        Map<String, Object> container = k8s.container();
        List<String> consumed = new ArrayList<>();
        for (Object variable : list(container.get("env"))) {
            Object from = map(variable, "env").get("valueFrom");
            if (from != null && map(from, "valueFrom").get("secretKeyRef") != null) {
                Map<String, Object> ref = map(map(from, "valueFrom").get("secretKeyRef"), "secretKeyRef");
                consumed.add(ref.get("name") + "/" + ref.get("key"));
            }
        }
        List<String> wholeSecrets = list(container.get("envFrom")).stream().map(e -> map(e, "envFrom").get("secretRef"))
                .filter(ref -> ref != null).map(ref -> String.valueOf(map(ref, "secretRef").get("name"))).toList();

        List<String> declared = new ArrayList<>();
        for (Map<String, Object> secret : k8s.kind("Secret")) {
            String name = String.valueOf(map(secret.get("metadata"), "metadata").get("name"));
            Stream.of("stringData", "data").map(secret::get).filter(d -> d != null)
                    .flatMap(d -> map(d, "data").keySet().stream()).forEach(key -> declared.add(name + "/" + key));
        }
        assertFalse(declared.isEmpty(), k8s + " should hold a Secret");
        for (String key : declared) {
            assertTrue(consumed.contains(key) || wholeSecrets.contains(key.substring(0, key.indexOf('/'))),
                    "the Deployment should consume the Secret key " + key + "; it reads " + consumed);
        }
        for (String key : consumed) {
            assertTrue(declared.contains(key), "the Deployment reads " + key + ", which no Secret of " + k8s + " declares");
        }
    }

    // The routes ConfigMap the Deployment mounts holds feed files of routes/, verbatim.
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void routesConfigMapHoldsTheRepositoryFeedFiles(Manifests k8s) throws IOException {
        Map<String, Object> pod = k8s.podSpec();
        List<String> mounted = list(pod.get("volumes")).stream().map(v -> map(v, "volumes").get("configMap"))
                .filter(c -> c != null).map(c -> String.valueOf(map(c, "configMap").get("name"))).toList();
        List<Map<String, Object>> configMaps = k8s.kind("ConfigMap").stream()
                .filter(c -> mounted.contains(String.valueOf(map(c.get("metadata"), "metadata").get("name")))).toList();
        assertFalse(configMaps.isEmpty(), "the Deployment of " + k8s + " should mount a ConfigMap; it mounts " + mounted);
        for (Map<String, Object> configMap : configMaps) {
            for (Map.Entry<String, Object> feed : map(configMap.get("data"), "data").entrySet()) {
                Path file = ROOT.resolve("routes").resolve(feed.getKey());
                assertTrue(Files.exists(file), "the ConfigMap's " + feed.getKey() + " is no file of routes/");
                assertEquals(Files.readString(file), feed.getValue(), "the ConfigMap's " + feed.getKey() + " should be routes/"
                        + feed.getKey() + " verbatim");
            }
        }
    }

    // The Service selects the Deployment's pods and exposes the management port, with the scrape annotations naming it.
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void serviceExposesTheManagementPortToPrometheus(Manifests k8s) {
        int port = managementPort();
        Map<String, Object> service = k8s.kind("Service").stream().findFirst().orElseThrow(() -> new AssertionError("no Service"));
        Map<String, Object> spec = map(service.get("spec"), "spec");
        Map<String, Object> podLabels = map(map(map(map(k8s.deployment().get("spec"), "spec").get("template"), "template")
                .get("metadata"), "metadata").get("labels"), "labels");
        assertTrue(podLabels.entrySet().containsAll(map(spec.get("selector"), "selector").entrySet()),
                "the Service's selector should match the Deployment's pod labels " + podLabels);
        Map<String, Object> management = list(spec.get("ports")).stream().map(p -> map(p, "ports"))
                .filter(p -> "management".equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("the Service should have a port named management"));
        assertEquals(port, containerPort(k8s.container(), management.getOrDefault("targetPort", management.get("port"))),
                "the Service's targetPort");
        Map<String, Object> annotations = map(map(service.get("metadata"), "metadata").get("annotations"), "annotations");
        assertEquals("true", String.valueOf(annotations.get("prometheus.io/scrape")), "prometheus.io/scrape");
        assertEquals(String.valueOf(management.get("port")), String.valueOf(annotations.get("prometheus.io/port")),
                "prometheus.io/port should be the Service's management port");
        assertEquals(port, management.get("port"), "the Service's management port");
        assertEquals(CAMEL_METRICS_PATH, annotations.get("prometheus.io/path"), "prometheus.io/path");
    }

    // One instance on the file store is one pod replaced whole (Recreate); the cluster is several pods that roll, on
    // the state database, its URL holding no password and its password read from a Secret, with a disruption budget.
    @Test
    void singleInstanceRecreatesAndTheClusterRollsOnTheStateDatabase() {
        Map<String, Object> one = map(single.deployment().get("spec"), "spec");
        assertEquals(1, one.get("replicas"), "the single-instance Deployment's replicas");
        assertEquals("Recreate", map(one.get("strategy"), "strategy").get("type"), "the file state is one pod's");
        assertNotEquals("jdbc", env(single.container()).get("CUBE_STATE_STORE"));

        Map<String, Object> many = map(cluster.deployment().get("spec"), "spec");
        assertTrue((Integer) many.get("replicas") >= 2, "the cluster's replicas: " + many.get("replicas"));
        assertEquals("RollingUpdate", map(many.get("strategy"), "strategy").get("type"));
        Map<String, String> env = env(cluster.container());
        assertEquals("jdbc", env.get("CUBE_STATE_STORE"));
        StateDatabase.check(env.get("CUBE_STATE_JDBC_URL"), env.getOrDefault("CUBE_STATE_JDBC_SCHEMA", "cube"), 16);
        assertFalse(env.containsKey("CUBE_STATE_JDBC_PASSWORD"), "the password comes from a Secret, not a plain value");
        Map<String, Object> budget = cluster.kind("PodDisruptionBudget").stream().findFirst()
                .orElseThrow(() -> new AssertionError("the cluster should have a PodDisruptionBudget"));
        Map<String, Object> podLabels = map(map(map(many.get("template"), "template").get("metadata"), "metadata").get("labels"), "labels");
        assertTrue(podLabels.entrySet().containsAll(map(map(map(budget.get("spec"), "spec").get("selector"), "selector")
                .get("matchLabels"), "matchLabels").entrySet()), "the budget should select the cluster's pods");
    }

    // ---- what the build, the settings and the README say -----------------------------------------------------

    private static int managementPort() {
        String value = settings.getProperty(PORT_SETTING);
        assertNotNull(value, "config/application.properties should set " + PORT_SETTING);
        return Integer.parseInt(resolvePlaceholders(value));
    }

    /** camel.management.health-path, or Camel's default; liveness and readiness are below it. */
    private static String healthPath() {
        String path = settings.getProperty("camel.management.health-path", settings.getProperty("camel.management.healthPath"));
        return path == null || path.isBlank() ? CAMEL_DEFAULT_HEALTH_PATH : resolvePlaceholders(path).replaceFirst("/+$", "");
    }

    /** The folder a setting names (cube.routes, cube.state-dir...), or its environment override, in the container. */
    private static Path folder(Path workdir, Map<String, String> env, String setting) {
        String value = env.getOrDefault(envName(setting), settings.getProperty(setting));
        assertNotNull(value, "config/application.properties should set " + setting);
        Path path = Path.of(resolvePlaceholders(value));
        // a glob such as routes/*.yaml names the files of its folder
        return workdir.resolve(path.toString().contains("*") ? path.getParent() : path).normalize();
    }

    /** The container JVM's java.io.tmpdir: -Djava.io.tmpdir in the ENTRYPOINT, else the Linux default /tmp. */
    private static Path containerTmpdir() {
        return dockerfile.runtime().last("ENTRYPOINT").flatMap(Instruction::jsonArray).orElse(List.of()).stream()
                .filter(arg -> arg.startsWith("-Djava.io.tmpdir=")).map(arg -> Path.of(arg.substring("-Djava.io.tmpdir=".length())))
                .findFirst().orElse(Path.of("/tmp")).normalize();
    }

    /** cube.base-url is CUBE_BASE_URL. */
    private static String envName(String setting) {
        return setting.toUpperCase().replace('.', '_').replace('-', '_');
    }

    /** {{setting}} and {{env:NAME:default}} as Camel resolves them without an environment. */
    private static String resolvePlaceholders(String value) {
        Matcher placeholder = Pattern.compile("\\{\\{(?:env:[^:}]+:([^}]*)|([^}]+))}}").matcher(value.trim());
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String replacement = placeholder.group(1) != null ? placeholder.group(1)
                    : resolvePlaceholders(settings.getProperty(placeholder.group(2).trim(), ""));
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        return placeholder.appendTail(resolved).toString().trim();
    }

    /**
     * Where a path of the project (target/lib...) is in the build stage: below the folder the build command ran in,
     * its last run (an earlier one only fetches what the build needs).
     */
    private static Path built(String relative) throws IOException {
        String command = readmeBuildCommand();
        List<Instruction> runs = dockerfile.buildStage().runsOf(command);
        assertFalse(runs.isEmpty(), "the build stage does not RUN the README's build command `" + command + "`");
        return runs.get(runs.size() - 1).workdir().resolve(relative).normalize();
    }

    /** A COPY source as a path of the build context: config/ is config, ./pom.xml is pom.xml. */
    private static String contextPath(String source) {
        return source.replaceFirst("^(\\./|/)+", "").replaceFirst("/+$", "");
    }

    /** The patterns of .dockerignore, comments and blank lines left out. */
    private static List<String> dockerIgnorePatterns() throws IOException {
        return Files.exists(ROOT.resolve(".dockerignore"))
                ? Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()
                : List.of();
    }

    /** The README's build command: `mvn ... package ... -DskipTests`. */
    private static String readmeBuildCommand() throws IOException {
        Matcher command = Pattern.compile("mvn [^`&|;\\n]*?\\bpackage\\b[^`&|;\\n]*?-DskipTests")
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertTrue(command.find(), "README.md shows no `mvn ... package -DskipTests` build command");
        return command.group().replaceAll("\\s+", " ");
    }

    /** Docker's rule: a path is excluded when it or a folder above it matches the last matching pattern. */
    private static boolean dockerIgnores(List<String> patterns, String relative) {
        boolean excluded = false;
        for (String line : patterns) {
            boolean exception = line.startsWith("!");
            String pattern = line.substring(exception ? 1 : 0).replaceFirst("^/+", "").replaceFirst("/+$", "");
            Predicate<Path> matches = FileSystems.getDefault().getPathMatcher("glob:" + pattern)::matches;
            for (Path path = Path.of(relative); path != null; path = path.getParent()) {
                if (matches.test(path)) {
                    excluded = !exception;
                    break;
                }
            }
        }
        return excluded;
    }

    // ---- the manifests ----------------------------------------------------------------------------------------

    /** The manifests applied together: config/k8s, or the cluster's Deployment with the shared files. */
    record Manifests(String name, List<Map<String, Object>> documents) {

        List<Map<String, Object>> kind(String kind) {
            return documents.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        }

        Map<String, Object> deployment() {
            List<Map<String, Object>> deployments = kind("Deployment");
            assertEquals(1, deployments.size(), name + " should hold one Deployment");
            return deployments.get(0);
        }

        Map<String, Object> podSpec() {
            return map(map(map(deployment().get("spec"), "spec").get("template"), "template").get("spec"), "pod spec");
        }

        Map<String, Object> container() {
            List<Object> containers = list(podSpec().get("containers"));
            assertEquals(1, containers.size(), "the Deployment of " + name + " should have one container");
            return map(containers.get(0), "container");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The container's plain env values (not those from Secrets). */
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        list(container.get("env")).stream().map(v -> map(v, "env")).filter(v -> v.containsKey("value"))
                .forEach(v -> env.put(String.valueOf(v.get("name")), String.valueOf(v.get("value"))));
        return env;
    }

    /** A probe's or Service's port: a number, or the name of one of the container's ports. */
    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return list(container.get("ports")).stream().map(p -> map(p, "ports")).filter(p -> String.valueOf(port).equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("the container has no port named " + port));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            fail(what + " should be a mapping, not " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    // ---- pom.xml ------------------------------------------------------------------------------------------------

    /** What pom.xml's build produces, relative to the project folder. */
    private record Pom(String finalName, String buildDirectory, String libDirectory, String classpathPrefix) {

        static Pom parse(Path file) throws Exception {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
            Element build = child(project, "build").orElseThrow(() -> new AssertionError("pom.xml has no <build>"));
            String finalName = text(build, "finalName").orElseGet(() -> text(project, "artifactId").orElseThrow() + "-"
                    + text(project, "version").orElseThrow());
            String directory = text(build, "directory").map(Pom::relative).orElse("target");

            Element dependencyPlugin = plugin(build, "maven-dependency-plugin")
                    .orElseThrow(() -> new AssertionError("pom.xml does not copy the dependencies (maven-dependency-plugin)"));
            // the runtime dependencies' copy, which the jar's manifest names (the demo's own copy is another execution)
            String lib = descendants(dependencyPlugin, "configuration").stream()
                    .filter(configuration -> text((Element) configuration, "includeScope").orElse("").equals("runtime"))
                    .map(configuration -> text((Element) configuration, "outputDirectory").orElse(""))
                    .findFirst().orElseThrow(() -> new AssertionError("the maven-dependency-plugin copies no runtime dependencies"))
                    .replace("${project.build.directory}", directory);
            String prefix = plugin(build, "maven-jar-plugin").flatMap(jar -> descendants(jar, "classpathPrefix").stream().findFirst())
                    .map(Node::getTextContent).map(String::trim).orElse("");
            return new Pom(finalName, directory, relative(lib), prefix.isEmpty() ? "." : prefix);
        }

        private static String relative(String path) {
            return path.replaceFirst("^\\$\\{(project\\.)?basedir}/?", "");
        }

        private static Optional<Element> plugin(Element build, String artifactId) {
            return child(build, "plugins").stream().flatMap(plugins -> children(plugins, "plugin").stream())
                    .filter(plugin -> text(plugin, "artifactId").filter(artifactId::equals).isPresent()).findFirst();
        }

        private static Optional<String> text(Element parent, String name) {
            return child(parent, name).map(Node::getTextContent).map(String::trim);
        }

        private static Optional<Element> child(Element parent, String name) {
            return children(parent, name).stream().findFirst();
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> children = new ArrayList<>();
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    children.add(element);
                }
            }
            return children;
        }

        private static List<Element> descendants(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            for (int i = 0; i < parent.getElementsByTagName(name).getLength(); i++) {
                found.add((Element) parent.getElementsByTagName(name).item(i));
            }
            return found;
        }
    }

    // ---- the Dockerfile -----------------------------------------------------------------------------------------

    /** One instruction, with the WORKDIR in force where it stands. */
    private record Instruction(String keyword, String args, Path workdir) {

        boolean isCopy() {
            return keyword.equals("COPY") || keyword.equals("ADD");
        }

        Optional<String> copyFrom() {
            return words().stream().filter(w -> w.startsWith("--from=")).map(w -> w.substring("--from=".length())).findFirst();
        }

        List<String> copySources() {
            List<String> paths = copyPaths();
            return paths.subList(0, paths.size() - 1);
        }

        String copyDestination() {
            List<String> paths = copyPaths();
            return paths.get(paths.size() - 1);
        }

        private List<String> copyPaths() {
            List<String> paths = jsonArray().orElseGet(() -> words().stream().filter(w -> !w.startsWith("--")).toList());
            assertTrue(paths.size() >= 2, keyword + " needs a source and a destination: " + args);
            return paths;
        }

        private List<String> words() {
            return List.of(args.trim().split("\\s+"));
        }

        /** A RUN of Maven offline: -o or --offline. */
        boolean offline() {
            return words().contains("-o") || words().contains("--offline");
        }

        Optional<List<String>> jsonArray() {
            String text = args.replaceFirst("^(--\\S+\\s+)*", "").trim();
            if (!text.startsWith("[") || !text.endsWith("]")) {
                return Optional.empty();
            }
            List<String> items = new ArrayList<>();
            Matcher item = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
            while (item.find()) {
                items.add(item.group(1).replaceAll("\\\\(.)", "$1"));
            }
            return Optional.of(items);
        }
    }

    private record Stage(String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword.equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> all = all(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        /** The first RUN that contains the command, whitespace aside. */
        Optional<Instruction> runCommand(String command) {
            return runsOf(command).stream().findFirst();
        }

        /** Every RUN that contains the command, whitespace aside, in order. */
        List<Instruction> runsOf(String command) {
            return all("RUN").stream().filter(run -> run.args.replaceAll("\\s+", " ").contains(command)).toList();
        }

        /** The build context's paths (config/ is config) the COPYs of this stage before the instruction take. */
        List<String> contextSourcesBefore(Instruction instruction) {
            int index = instructions.indexOf(instruction);
            assertTrue(index >= 0, "no such instruction: " + instruction);
            return instructions.subList(0, index).stream().filter(i -> i.isCopy() && i.copyFrom().isEmpty())
                    .flatMap(i -> i.copySources().stream()).map(DockerfileConsistencyTest::contextPath).toList();
        }

        /** Where the COPYs of this stage put the build context's file at relative: absolute paths in the stage. */
        List<Path> contextCopyTargets(String relative) {
            List<Path> targets = new ArrayList<>();
            for (Instruction copy : all("COPY")) {
                if (copy.copyFrom().isPresent() || !copy.copySources().stream().map(DockerfileConsistencyTest::contextPath)
                        .toList().contains(relative)) {
                    continue;
                }
                String destination = copy.copyDestination();
                Path target = copy.workdir.resolve(destination).normalize();
                boolean intoFolder = destination.endsWith("/") || destination.equals(".") || copy.copySources().size() > 1;
                targets.add(intoFolder ? target.resolve(Path.of(relative).getFileName()) : target);
            }
            return targets;
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");
            for (Instruction instruction : all("ENV")) {
                Matcher matcher = pair.matcher(instruction.args);
                if (matcher.lookingAt()) {
                    for (matcher.reset(); matcher.find(); ) {
                        env.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
                    }
                } else {
                    String[] legacy = instruction.args.trim().split("\\s+", 2);
                    env.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
                }
            }
            return env;
        }

        /** $NAME and ${NAME} from this stage's ENV. */
        String resolve(String text) {
            Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(text);
            StringBuilder resolved = new StringBuilder();
            while (variable.find()) {
                String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
                String value = env().get(name);
                assertNotNull(value, "the Dockerfile uses $" + name + " but sets no ENV " + name);
                variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
            }
            return variable.appendTail(resolved).toString();
        }

        List<String> volumes() {
            return all("VOLUME").stream().flatMap(v -> v.jsonArray().orElseGet(() -> List.of(v.args.trim().split("\\s+"))).stream())
                    .toList();
        }

        /**
         * Where a COPY --from=stage puts the file or folder at the absolute path source of that stage: its path in
         * this stage, or empty when no COPY copies it.
         */
        Optional<Path> copiedFrom(Stage stage, Path source, boolean folder) {
            for (Instruction copy : instructions) {
                if (!copy.isCopy() || copy.copyFrom().filter(from -> from.equals(stage.name)).isEmpty()) {
                    continue;
                }
                // COPY --from reads from the other stage's root, not from its WORKDIR
                List<String> sources = copy.copySources();
                for (String candidate : sources) {
                    if (!Path.of("/").resolve(candidate).normalize().equals(source)) {
                        continue;
                    }
                    String destination = copy.copyDestination();
                    Path target = copy.workdir.resolve(destination).normalize();
                    boolean intoFolder = !folder && (destination.endsWith("/") || destination.equals(".") || sources.size() > 1);
                    return Optional.of(intoFolder ? target.resolve(source.getFileName()) : target);
                }
            }
            return Optional.empty();
        }
    }

    private record Dockerfile(List<Stage> stages) {

        static Dockerfile parse(Path file) throws IOException {
            List<String> logical = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                } else {
                    logical.add(current.append(trimmed).toString().trim());
                    current.setLength(0);
                }
            }
            List<Stage> stages = new ArrayList<>();
            Path workdir = Path.of("/");
            for (String line : logical) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                String keyword = parts[0].toUpperCase();
                String args = parts.length > 1 ? parts[1] : "";
                if (keyword.equals("FROM")) {
                    Matcher alias = Pattern.compile("(?i)\\s+AS\\s+(\\S+)\\s*$").matcher(args);
                    stages.add(new Stage(alias.find() ? alias.group(1) : String.valueOf(stages.size()), new ArrayList<>()));
                    workdir = Path.of("/");
                    continue;
                }
                assertFalse(stages.isEmpty(), "the Dockerfile should start with FROM, not " + line);
                if (keyword.equals("WORKDIR")) {
                    workdir = workdir.resolve(args.trim()).normalize();
                }
                stages.get(stages.size() - 1).instructions.add(new Instruction(keyword, args, workdir));
            }
            assertTrue(stages.size() >= 2, "the Dockerfile should have a build stage and a runtime stage");
            return new Dockerfile(stages);
        }

        Stage runtime() {
            return stages.get(stages.size() - 1);
        }

        /** The stage the runtime stage copies the build's output from. */
        Stage buildStage() {
            List<String> names = runtime().instructions.stream().filter(Instruction::isCopy)
                    .flatMap(i -> i.copyFrom().stream()).distinct().toList();
            assertEquals(1, names.size(), "the runtime stage should copy from one build stage: " + names);
            return stages.stream().filter(s -> s.name.equals(names.get(0))).findFirst()
                    .orElseThrow(() -> new AssertionError("COPY --from=" + names.get(0) + " names no stage"));
        }
    }
}
