package io.cubeintegration.state;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Where feeds keep their watermarks and delivered record versions. */
public class StateConfiguration implements CamelConfiguration {

    /** The embedded file store, or with cube.state-store=jdbc a database that several instances share. */
    @BindToRegistry(value = "feedStateStore", lazy = true)
    public FeedStateStore feedStateStore(@PropertyInject(value = "cube.state-store", defaultValue = "file") String kind,
                                         @PropertyInject(value = "cube.state-dir", defaultValue = "./data") String stateDir,
                                         @PropertyInject(value = "cube.state-jdbc-url", defaultValue = "") String jdbcUrl,
                                         @PropertyInject(value = "cube.state-jdbc-user", defaultValue = "") String jdbcUser,
                                         @PropertyInject(value = "cube.state-jdbc-password", defaultValue = "") String jdbcPassword,
                                         ObjectMapper cubeObjectMapper) {
        switch (kind.trim()) {
            case "file":
                return new FileFeedStateStore(Path.of(stateDir), cubeObjectMapper);
            case "jdbc":
                if (jdbcUrl.isBlank()) {
                    throw new IllegalArgumentException("cube.state-store is jdbc but CUBE_STATE_JDBC_URL (cube.state-jdbc-url) is not set");
                }
                return new JdbcFeedStateStore(jdbcUrl.trim(), jdbcUser, jdbcPassword, cubeObjectMapper);
            default:
                throw new IllegalArgumentException("CUBE_STATE_STORE (cube.state-store) must be file or jdbc, not '" + kind + "'");
        }
    }

    @BindToRegistry("feedStates")
    public FeedStates feedStates() {
        return new FeedStates();
    }
}
