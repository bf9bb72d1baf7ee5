# cube-integration container image.
#
#   docker build -t cube-integration .
#   podman build --format docker -t cube-integration .      (Podman or Buildah: --format docker, see below)
#   docker run -e CUBE_BASE_URL=https://YOURACCOUNT.headshed.com/api/v1/ -e CUBE_TOKEN=... \
#              -e CUBE_CAMPAIGN_ID=926 -e CUBE_ASSIGNMENT_ID=240 \
#              -v cube-data:/opt/cube-integration/data -p 9876:9876 cube-integration
#
# Arguments after the image name go to the application (e.g. `--once`, `--validate`). Extra JVM flags: set
# JDK_JAVA_OPTIONS, which the java launcher reads. Secrets (CUBE_TOKEN, CUBE_PASSWORD, KAFKA_SASL_JAAS_CONFIG, ...)
# are never baked in: pass them in the environment at run time.
# Podman and Buildah build the OCI image format by default, which has no HEALTHCHECK: they drop it with a warning, and
# the container never reports healthy or unhealthy. Build with --format docker (as above) to keep it.
# Of config/ the image holds application.properties only: the Kubernetes manifests (config/k8s) and the Grafana
# dashboard (config/grafana) are the operators', and .dockerignore keeps them out of the build context.
# DockerfileConsistencyTest checks this file against pom.xml, config/application.properties, .dockerignore and README.md.

# ---- build: the same command as the README ------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# The pom alone first: every download is a layer of its own, rebuilt only when pom.xml changes. It runs the build
# command itself on the pom with no sources yet: Maven walks the same lifecycle with the same plugins, so it fetches
# every plugin with its dependencies and every class path the build resolves (test-compile resolves the test scope,
# byte-buddy and the rest, even with nothing to compile). dependency:go-offline is no substitute: it resolves by rules
# of its own, missing some of that (the test scope's transitive jars, plugins' dependencies) and asking for what the
# build never uses (camel-quartz's optional camel-cron, which fails it where no 4.22 camel-cron is served). The empty
# jar and lib/ of this run are deleted in the same step.
COPY pom.xml ./
RUN mvn -B -q package -DskipTests && rm -rf target

# The sources, and of config/ the one file the build puts in the jar (pom.xml's resources). -o (offline): anything
# the layer above did not fetch fails the build here, rather than being downloaded again on every source change.
COPY src/ src/
COPY config/application.properties config/
COPY routes/ routes/
RUN mvn -B -q package -DskipTests -o

# ---- runtime: a JRE, no build tools -------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl for the HEALTHCHECK: newer Temurin images no longer ship it, so install it explicitly (a few MB) rather
# than rely on the base image or hand-roll an HTTP check.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# A fixed, numeric non-root uid/gid, so Kubernetes' runAsNonRoot can verify it (config/k8s/deployment.yaml
# runs as the same uid) and mounted volumes can be chowned to it ahead of time.
RUN groupadd --system --gid 10001 cube \
    && useradd --system --uid 10001 --gid 10001 --home-dir /opt/cube-integration --no-create-home \
               --shell /usr/sbin/nologin cube

# The working directory the application's relative defaults resolve against: config/application.properties,
# routes/, ./data (CUBE_STATE_DIR) and ./out (CUBE_OUT_DIR).
WORKDIR /opt/cube-integration

# The thin jar finds its dependencies through its manifest's Class-Path (lib/...), so lib/ sits beside it.
# Owned by root: the application cannot modify its own code. lib/ first: it changes less often than the jar.
COPY --from=build /build/target/lib/ lib/
COPY --from=build /build/target/cube-integration.jar cube-integration.jar

# Defaults, replaceable by mounts: config/application.properties (settings; every one can also be set by its
# environment variable) and routes/ (the example feeds; mount your own feed files here, e.g. a ConfigMap).
# Nothing else of config/: the Kubernetes manifests and the Grafana dashboard are not needed at run time.
COPY config/application.properties config/
COPY routes/ routes/

# Class data sharing: a training run (the demo, once: Camel's start and a run of every example feed against the
# demo's simulator) dumps the classes it loaded into an archive made for this very JRE; every start then maps them
# instead of loading and verifying them again (a cold --once about 0.6 s sooner on 2 cores, see
# docs/performance.md). The demo build (target/demo: the simulator, the broker) is mounted for the training run only,
# never copied: no layer of the image holds it. The run's own output is removed; a start whose JVM cannot use the
# archive just loads classes.
RUN --mount=type=bind,from=build,source=/build/target/demo,target=/opt/cube-integration/demo \
    java -XX:ArchiveClassesAtExit=cube-integration.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
        -jar cube-integration.jar --demo --once > /dev/null \
    && rm -rf data out

# The only places the application writes: feed state and the file sink's output, owned by the runtime user.
RUN mkdir -p data out && chown 10001:10001 data out

# Mount points:
#   /opt/cube-integration/config  settings (optional: the jar holds the same defaults)
#   /opt/cube-integration/routes  feed files (or point CUBE_ROUTES elsewhere)
#   /opt/cube-integration/data    feed state: keep it across restarts, or every window is fetched again
#   /opt/cube-integration/out     the file sink's output (unused with CUBE_SINK=kafka)
# Only data and out are VOLUMEs: they hold what the application writes. config and routes are read-only inputs,
# mounted over the defaults when wanted; a VOLUME there would only give every container an anonymous copy.
VOLUME ["/opt/cube-integration/data", "/opt/cube-integration/out"]

USER 10001:10001

# Camel Main's management server: /observe/health/live, /observe/health/ready and /observe/metrics (Prometheus).
ENV CUBE_MANAGEMENT_PORT=9876
EXPOSE 9876

# Ready, not just alive: DOWN while Cube refuses the credentials or a feed's runs keep failing. The port comes from
# the environment at run time, so a container started with another CUBE_MANAGEMENT_PORT still checks the right one.
# The start period covers JVM start-up and the credential check against Cube.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://localhost:${CUBE_MANAGEMENT_PORT}/observe/health/ready" || exit 1

# Exec form: java is PID 1 and gets SIGTERM itself, so Camel shuts the feeds down gracefully.
# MaxRAMPercentage sizes the heap from the container's memory limit; a JVM out of memory exits, so that the
# container is restarted instead of limping on. SharedArchiveFile maps the classes the training run above archived.
# A CronJob of --once runs adds JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1: a run of seconds is over before the
# optimising compiler pays for itself (see docs/performance.md).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=cube-integration.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "cube-integration.jar"]
