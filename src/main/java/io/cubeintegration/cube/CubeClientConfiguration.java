package io.cubeintegration.cube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The Cube connection, client and pager, made from the {@code cube.*} settings. Beans that need other beans are lazy,
 * so each is made when first looked up, after the beans it needs, whatever order Camel binds them in.
 */
public class CubeClientConfiguration implements CamelConfiguration {

    /**
     * The one JSON mapper: records stay open {@code ObjectNode}s in Cube's field order, and decimals keep their exact
     * digits ({@code 233.10} stays {@code 233.10}), so what we write is what Cube sent. Camel's jackson data format
     * finds it in the registry and marshals with it.
     */
    @BindToRegistry("cubeObjectMapper")
    public ObjectMapper cubeObjectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper;
    }

    @BindToRegistry("cubeConnection")
    public CubeConnection cubeConnection(@PropertyInject("cube.base-url") String baseUrl,
                                         @PropertyInject("cube.allow-http") boolean allowHttp,
                                         @PropertyInject("cube.auth-method") String authMethod,
                                         @PropertyInject("cube.token") String token,
                                         @PropertyInject("cube.username") String username,
                                         @PropertyInject("cube.password") String password) {
        return CubeConnection.of(baseUrl, allowHttp, authMethod, token, username, password);
    }

    @BindToRegistry("cubeHttpRules")
    public CubeHttpRules cubeHttpRules(CamelContext context,
                                       @PropertyInject("cube.request-timeout") long requestTimeout,
                                       @PropertyInject("cube.max-answer-mb") long maxAnswerMb) {
        CubeHttpRules rules = new CubeHttpRules(Duration.ofSeconds(requestTimeout), maxAnswerMb * 1024 * 1024);
        // a stop aborts what is in flight at once: Camel's graceful shutdown and Quartz's wait for running jobs
        // would otherwise wait on an answer that may never end
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    rules.stop();
                }
            }
        });
        return rules;
    }

    @BindToRegistry(value = "cubeClient", lazy = true)
    public CubeClient cubeClient(CamelContext context, CubeConnection cubeConnection,
                                 @PropertyInject("cube.truststore") String truststore,
                                 @PropertyInject("cube.truststore-password") String truststorePassword,
                                 @PropertyInject("cube.retry.max-attempts") int maxAttempts,
                                 @PropertyInject("cube.retry.initial-delay") long initialDelay,
                                 @PropertyInject("cube.retry.max-delay") long maxDelay,
                                 @PropertyInject("cube.retry.max-retry-after") long maxRetryAfter,
                                 @PropertyInject("cube.retry.max-elapsed") long maxElapsed,
                                 AccountPace accountPace, CubeRequestObserver feedMetrics) {
        String tlsBean = null;
        if (!truststore.isBlank()) {
            if (!Files.isReadable(Path.of(truststore.trim()))) {
                throw new IllegalArgumentException("CUBE_TRUSTSTORE (cube.truststore) " + truststore + " is not a readable file");
            }
            KeyStoreParameters store = new KeyStoreParameters();
            store.setCamelContext(context);
            store.setResource("file:" + truststore.trim());
            store.setPassword(truststorePassword);
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store);
            SSLContextParameters tls = new SSLContextParameters();
            tls.setCamelContext(context);
            tls.setTrustManagers(trust);
            tlsBean = "cubeTls";
            context.getRegistry().bind(tlsBean, tls);
        }
        return new CubeClient(context, cubeConnection, new CubeRetryPolicy(maxAttempts, Duration.ofMillis(initialDelay),
                Duration.ofMillis(maxDelay), Duration.ofSeconds(maxRetryAfter), Duration.ofSeconds(maxElapsed)), tlsBean, accountPace, feedMetrics);
    }

    /** The pace of every request to the account, all feeds (and in a cluster, all instances) together. */
    @BindToRegistry("accountPace")
    public AccountPace accountPace(@PropertyInject("cube.max-concurrent-requests") int maxConcurrent,
                                   @PropertyInject("cube.max-requests-per-second") double perSecond) {
        return new AccountPace(maxConcurrent, perSecond);
    }

    @BindToRegistry(value = "cubePager", lazy = true)
    public CubePager cubePager(CamelContext context, CubeClient cubeClient, ObjectMapper cubeObjectMapper,
                               @PropertyInject("cube.prefetch-pages") int prefetch,
                               @PropertyInject("cube.max-pages-per-run") int maxPages,
                               @PropertyInject("cube.run-timeout") long runTimeout) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("cube.prefetch-pages must be at least 1, not " + prefetch);
        }
        return new CubePager(cubeClient, cubeObjectMapper,
                context.getExecutorServiceManager().newFixedThreadPool(this, "CubePagePrefetch", prefetch), prefetch,
                maxPages, Duration.ofSeconds(runTimeout));
    }

    /** The account's campaigns list, read once per fire time for every feed that needs it. */
    @BindToRegistry(value = "campaignDirectory", lazy = true)
    public CampaignDirectory campaignDirectory(CubePager cubePager, @PropertyInject("cube.campaigns-path") String campaignsPath) {
        return new CampaignDirectory(cubePager, campaignsPath);
    }
}
