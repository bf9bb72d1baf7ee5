package io.cubeintegration.cube;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The Cube connection, client and pager, made from the {@code cube.*} settings. */
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
                                         @PropertyInject(value = "cube.allow-http", defaultValue = "false") boolean allowHttp,
                                         @PropertyInject(value = "cube.auth-method", defaultValue = "auto") String authMethod,
                                         @PropertyInject(value = "cube.token", defaultValue = "") String token,
                                         @PropertyInject(value = "cube.username", defaultValue = "") String username,
                                         @PropertyInject(value = "cube.password", defaultValue = "") String password) {
        return CubeConnection.of(baseUrl, allowHttp, authMethod, token, username, password);
    }

    @BindToRegistry("cubeRequestHeaders")
    public CubeRequestHeaders cubeRequestHeaders() {
        return new CubeRequestHeaders();
    }

    @BindToRegistry("cubeClient")
    public CubeClient cubeClient(CamelContext context, CubeConnection cubeConnection) {
        return new CubeClient(context, cubeConnection);
    }

    @BindToRegistry("cubePager")
    public CubePager cubePager(CubeClient cubeClient, ObjectMapper cubeObjectMapper) {
        return new CubePager(cubeClient, cubeObjectMapper);
    }
}
