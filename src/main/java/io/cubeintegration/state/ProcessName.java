package io.cubeintegration.state;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This process among the instances that share a state: its pid and host as the JVM names itself, e.g.
 * {@code 1@cube-7f9c-xk2}. It names the holder of a lease, the Quartz scheduler instance and the state database's
 * client, so one name runs through them all.
 */
public final class ProcessName {

    private static final String NAME = ProcessHandle.current().pid() + "@" + host();

    private ProcessName() {
    }

    public static String get() {
        return NAME;
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
        }
        // room for the pid and a prefix in PostgreSQL's 63-character application_name
        return host.length() > 40 ? host.substring(0, 40) : host;
    }
}
