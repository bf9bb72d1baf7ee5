package io.cubeintegration.sink;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The beans the sink routes call. */
public class SinkConfiguration implements CamelConfiguration {

    @BindToRegistry("runFileOutput")
    public RunFileOutput runFileOutput() {
        return new RunFileOutput();
    }
}
