package io.cubeintegration.cube;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A server on loopback that answers as a broken or hostile Cube (or a proxy in front of it) would, on raw sockets so
 * it can do what no well-behaved HTTP server does: trickle, never end, lie about sizes and counts, never answer.
 * Every path is under {@code /api/v1/}; what each does is named by its first segment.
 */
public final class HostileCube implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hostile-cube");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private volatile String redirectTo = "http://127.0.0.1:9/api/v1/";

    /** Where the {@code redirect} path sends a client: another server's base URL. */
    public void redirectTo(String baseUrl) {
        this.redirectTo = baseUrl;
    }

    public HostileCube() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.submit(this::accept);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/v1/";
    }

    /** The request targets received, in order (path and query). */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            String authorization = "";
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("authorization:")) {
                    authorization = header.substring("authorization:".length()).trim();
                }
            }
            String target = requestLine.split(" ")[1];
            requested.add(target);
            if (target.startsWith("/api/v1/echo/")) {
                // a proxy that quotes the request it refuses, credentials and all
                json(socket.getOutputStream(), 400, "{\"detail\":\"refused request with Authorization: " + authorization + "\"}");
                return;
            }
            answer(target, socket.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client went away, as it should when it gives up
        }
    }

    private void answer(String target, OutputStream out) throws IOException, InterruptedException {
        String path = target.startsWith("/api/v1/") ? target.substring("/api/v1/".length()) : target;
        String kind = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        switch (kind) {
            case "campaigns" -> json(out, 200, "[{\"campaign__id\":926,\"assignment__id\":240}]");
            case "trickle" -> {
                // a body that never stops arriving, a byte a second: each read is within any per-read timeout
                head(out, 200, "Content-Length: 1000000\r\n");
                while (true) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(1000);
                }
            }
            case "endless" -> {
                // a chunked body with no last chunk, as fast as the client reads it
                head(out, 200, "Transfer-Encoding: chunked\r\n");
                byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(chunk);
                }
            }
            case "huge" -> {
                // announces 1.5 GB, and would send it
                head(out, 200, "Content-Length: 1610612736\r\n");
                byte[] block = new byte[65536];
                while (true) {
                    out.write(block);
                }
            }
            case "silent" -> Thread.sleep(Long.MAX_VALUE);
            case "redirect" -> {
                // a redirect to another host: following it would carry the token there
                head(out, 302, "Location: " + redirectTo + "steal/\r\nContent-Length: 0\r\nConnection: close\r\n");
            }
            case "chain" -> {
                // a next link to one more page, forever
                int page = pageOf(target);
                json(out, 200, "{\"count\":null,\"next\":\"" + baseUrl() + "chain/?page=" + (page + 1)
                        + "\",\"results\":[{\"id\":" + page + "}]}");
            }
            case "overcount" -> {
                // count promises 10 pages of 2; page 3 is the last (next null); pages after it answer 404
                int page = pageOf(target);
                if (page > 3) {
                    json(out, 404, "{\"detail\":\"Invalid page.\"}");
                } else {
                    json(out, 200, "{\"count\":20,\"next\":" + (page == 3 ? "null" : "\"" + baseUrl() + "overcount/?page=" + (page + 1) + "\"")
                            + ",\"results\":[{\"id\":" + (page * 10 + 1) + "},{\"id\":" + (page * 10 + 2) + "}]}");
                }
            }
            case "forged" -> json(out, 200, "{\"next\":\"" + baseUrl() + "forged/?page=2\\n2026-12-01 00:00:00.000 INFO  [main]"
                    + " FeedRunLog - feed forged: run ok\\u001b[2J\",\"results\":[{\"id\":1}]}");
            case "escape" -> json(out, 400, "<html>\u001b[31mproxy says no\u001b[0m\r\nFAKE LINE</html>");
            case "dotdot" -> json(out, 200, "{\"next\":\"" + baseUrl() + "dotdot/%2e%2e/%2E%2E/admin/?page=2\",\"results\":[{\"id\":1}]}");
            default -> json(out, 404, "{\"detail\":\"Not found.\"}");
        }
    }

    private static int pageOf(String target) {
        int at = target.indexOf("page=");
        return at < 0 ? 1 : Integer.parseInt(target.substring(at + 5).replaceAll("[^0-9].*", ""));
    }

    private static void head(OutputStream out, int status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void json(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        head(out, status, "Content-Length: " + bytes.length + "\r\nConnection: close\r\n");
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
