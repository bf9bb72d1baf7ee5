package io.cubeintegration.cli;

import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.cube.CubeClient;
import io.cubeintegration.cube.CubeResponse;
import io.cubeintegration.cube.LogSafe;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up's one cheap request: a bad token is one clear error rather than one per feed. */
final class CredentialsCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsCheck.class);

    private CredentialsCheck() {
    }

    /** One cheap request before any feed runs, so a bad token is one clear error rather than one per feed. */
    static String refused(CamelContext context) {
        CubeClient client = context.getRegistry().lookupByNameAndType("cubeClient", CubeClient.class);
        String campaignsPath = context.getPropertiesComponent().resolveProperty("cube.campaigns-path").orElseThrow();
        CubeResponse response;
        try {
            response = client.get(client.connection().resolve(campaignsPath, null));
        } catch (RuntimeException e) {
            LOG.warn("Could not check the Cube credentials: {}", LogSafe.failure(e));
            return null;
        }
        if (response.status() == 401 || response.status() == 403) {
            return "Cube refused the credentials (" + client.connection().authDescription() + "): HTTP "
                    + response.status() + " " + response.bodyExcerpt() + " for GET " + response.url()
                    + ". Check CUBE_TOKEN, or CUBE_USERNAME and CUBE_PASSWORD.";
        }
        if (response.isSuccess()) {
            try {
                // the list says which assignment each campaign belongs to: enrichment need not ask again
                context.getRegistry().lookupByNameAndType("campaignDirectory", CampaignDirectory.class).learn(response);
            } catch (RuntimeException e) {
                LOG.debug("The campaigns list of the credentials check is not one: {}", LogSafe.failure(e));
            }
        }
        return null;
    }
}
