package io.cubeintegration.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * The management server's address, tried before Camel starts: Camel's Vert.x server reports a port in use as a stack
 * trace on its event loop and the application carries on without health checks or metrics, which an orchestrator
 * then reads as a hung pod. Here it is one line, and start-up stops.
 */
final class ManagementAddress {

    private ManagementAddress() {
    }

    /** Why the management server could not listen on host:port, or empty when it can (port 0 always can). */
    static Optional<String> unavailable(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return Optional.of("the management server cannot listen on " + host + ":" + port
                    + ": no such host (cube.management-host, CUBE_MANAGEMENT_HOST)");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the management server cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another instance running here? set CUBE_MANAGEMENT_PORT to a free port, or"
                    + " CUBE_MANAGEMENT_HOST to an address of this machine)");
        }
    }
}
