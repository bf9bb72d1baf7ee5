package io.cubeintegration.enrich;

import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.cube.CubeClient;
import io.cubeintegration.cube.CubePager;
import io.cubeintegration.cube.ReconcileInterval;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The customer enricher and its bounded lookup pool. */
public class EnrichmentConfiguration implements CamelConfiguration {

    @BindToRegistry(value = "customerEnricher", lazy = true)
    public CustomerEnricher customerEnricher(CamelContext context, CubeClient cubeClient, CubePager cubePager,
                                             ObjectMapper cubeObjectMapper,
                                             @PropertyInject("cube.lookup-concurrency") int concurrency,
                                             CampaignDirectory campaignDirectory,
                                             @PropertyInject("cube.reconcile-interval") String reconcileInterval) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("cube.lookup-concurrency must be at least 1, not " + concurrency);
        }
        // a pool Camel owns, so it is shut down with the context
        ExecutorService lookups = context.getExecutorServiceManager()
                .newFixedThreadPool(this, "CubeCustomerLookup", concurrency);
        // an index of a customer list serves later polls as long as a day's records go unchecked: the reconcile interval
        return new CustomerEnricher(cubeClient, cubePager, cubeObjectMapper, lookups, campaignDirectory,
                ReconcileInterval.parse(reconcileInterval));
    }
}
