package io.cubeintegration.cube;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where Cube is and how we prove who we are. Every URL the pipeline calls is built here, on the configured
 * scheme, host and port, so credentials can only ever travel to the configured host.
 */
public final class CubeConnection {

    private final URI baseUrl;
    private final String authorization;
    private final String authDescription;

    private CubeConnection(URI baseUrl, String authorization, String authDescription) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.authDescription = authDescription;
    }

    /**
     * Validates the settings and refuses anything unsafe, naming the setting at fault (never its secret value).
     *
     * @param authMethod {@code token}, {@code basic} or {@code auto} (token when one is set, else basic)
     */
    public static CubeConnection of(String baseUrl, boolean allowHttp, String authMethod,
                                    String token, String username, String password) {
        URI base = parseBaseUrl(baseUrl, allowHttp);
        String method = blankToNull(authMethod) == null ? "auto" : authMethod.trim().toLowerCase(Locale.ROOT);
        boolean hasToken = blankToNull(token) != null;
        boolean hasUser = blankToNull(username) != null;
        switch (method) {
            case "auto":
                if (hasToken) {
                    return tokenAuth(base, token);
                }
                if (hasUser) {
                    return basicAuth(base, username, password);
                }
                throw new IllegalArgumentException(
                        "No Cube credentials: set CUBE_TOKEN (cube.token), or CUBE_USERNAME and CUBE_PASSWORD (cube.username, cube.password)");
            case "token":
                if (!hasToken) {
                    throw new IllegalArgumentException("cube.auth-method is token but CUBE_TOKEN (cube.token) is not set");
                }
                return tokenAuth(base, token);
            case "basic":
                if (!hasUser || blankToNull(password) == null) {
                    throw new IllegalArgumentException(
                            "cube.auth-method is basic but CUBE_USERNAME or CUBE_PASSWORD (cube.username, cube.password) is not set");
                }
                return basicAuth(base, username, password);
            default:
                throw new IllegalArgumentException(
                        "cube.auth-method must be token, basic or auto, not '" + authMethod + "'");
        }
    }

    private static CubeConnection tokenAuth(URI base, String token) {
        return new CubeConnection(base, "Token " + token.trim(), "token");
    }

    private static CubeConnection basicAuth(URI base, String username, String password) {
        String pair = username.trim() + ":" + (password == null ? "" : password);
        return new CubeConnection(base,
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                "basic (user " + username.trim() + ")");
    }

    private static URI parseBaseUrl(String value, boolean allowHttp) {
        if (blankToNull(value) == null) {
            throw new IllegalArgumentException(
                    "CUBE_BASE_URL (cube.base-url) is not set: it is your account's API root, e.g. https://YOURACCOUNT.headshed.com/api/v1/");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("CUBE_BASE_URL (cube.base-url) is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(
                    "CUBE_BASE_URL (cube.base-url) must be an absolute https:// URL, e.g. https://YOURACCOUNT.headshed.com/api/v1/");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new IllegalArgumentException("CUBE_BASE_URL (cube.base-url) " + uri.getHost()
                    + " uses http://; Cube requires https://. Set CUBE_ALLOW_HTTP=true only for a simulator on loopback");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            // the token would cross a network in the clear
            throw new IllegalArgumentException("CUBE_BASE_URL (cube.base-url) " + uri.getHost() + " uses http://, which"
                    + " CUBE_ALLOW_HTTP allows only for a host on loopback (127.0.0.1, localhost, ::1); Cube requires https://");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "CUBE_BASE_URL (cube.base-url) must hold no user info, query or fragment: put credentials in CUBE_TOKEN or CUBE_USERNAME/CUBE_PASSWORD");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("[::1]") || name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** The API root every URL is built on, e.g. {@code https://acme.headshed.com/api/v1/}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The value of the {@code Authorization} header. A secret: never log it. */
    public String authorization() {
        return authorization;
    }

    /** Which kind of credentials are in use, safe to log. */
    public String authDescription() {
        return authDescription;
    }

    /** Builds the URL of an endpoint path (relative to the base URL) with query parameters, encoded. */
    public URI resolve(String path, Map<String, String> query) {
        String relative = path == null ? "" : path.trim();
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        String problem = pathProblem(relative);
        if (problem != null) {
            throw new IllegalArgumentException("endpoint path '" + LogSafe.text(path) + "' " + problem);
        }
        StringBuilder url = new StringBuilder(baseUrl.toString()).append(encodePath(relative));
        String encodedQuery = encodeQuery(query);
        if (!encodedQuery.isEmpty()) {
            url.append('?').append(encodedQuery);
        }
        URI resolved = URI.create(url.toString());
        String outside = outsideBasePath(resolved.getRawPath());
        if (outside != null) {
            throw new IllegalArgumentException("endpoint path '" + LogSafe.text(path) + "' " + outside);
        }
        return resolved;
    }

    /**
     * Why an endpoint path (below the base URL, after its placeholders are filled in) cannot be requested, or null
     * when it can: a scheme or host, a query or fragment, or a segment that leads out of the base path ({@code ..},
     * also percent-encoded as {@code %2e%2e}). The feed check ({@code --validate}, start-up, reload) and every request
     * a run makes judge paths by this one rule.
     */
    public static String pathProblem(String path) {
        if (path.contains("://") || path.startsWith("//")) {
            return "must be a path below the base URL, not a URL with a scheme or host (e.g. campaigns/926/responses/)";
        }
        if (path.contains("?") || path.contains("#")) {
            return "must be a plain path below the base URL, without a query or fragment ('?', '#'): put filters in the filters parameter";
        }
        String segment = escapingSegment(path);
        if (segment != null || path.contains("..")) {
            return "must stay below the base URL: no '.' or '..' segment, also percent-encoded (%2e%2e), no encoded slash (found '"
                    + LogSafe.text(segment == null ? ".." : segment) + "')";
        }
        return null;
    }

    /**
     * Why a raw path leaves the configured base path, or null when it stays inside: every segment is percent-decoded
     * first, so {@code %2e%2e} is the {@code ..} it means, and a segment that decodes to {@code .}, {@code ..} or one
     * holding a slash or backslash is refused whatever a server would make of it.
     */
    String outsideBasePath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(baseUrl.getRawPath())) {
            return "leaves the API path " + baseUrl.getRawPath();
        }
        String segment = escapingSegment(rawPath);
        return segment == null ? null : "leaves the API path " + baseUrl.getRawPath() + " (a '" + LogSafe.text(segment) + "' segment)";
    }

    /**
     * The first segment of a path that could lead out of the path it is under, or null: one that, percent-decoded,
     * is {@code .} or {@code ..} or holds a slash or a backslash (a malformed escape counts too).
     */
    public static String escapingSegment(String path) {
        for (String segment : path.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return segment;
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                return segment;
            }
        }
        return null;
    }

    /**
     * Turns a {@code next} link from a page into the URL we fetch: its path and query are kept, but the scheme, host
     * and port are always the configured ones, whatever the link said. Cube's documents show links with http://,
     * other hosts and a stray {@code /?page=2} glued to the last query value: all of them land on the configured host.
     */
    public URI resolveNext(String next) {
        String link = next.trim().replace(" ", "%20");
        URI parsed;
        try {
            parsed = new URI(link);
        } catch (URISyntaxException e) {
            throw new CubeApiException("next link is not a URL: " + LogSafe.text(next));
        }
        String path = parsed.getRawPath();
        String outside = outsideBasePath(path);
        if (outside != null) {
            throw new CubeApiException("next link " + LogSafe.text(next) + " " + outside);
        }
        String query = repairQuery(parsed.getRawQuery());
        return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path
                + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /** True when the URL points at the configured scheme, host and port: the only place credentials may go. */
    public boolean isConfiguredHost(URI url) {
        return baseUrl.getScheme().equalsIgnoreCase(url.getScheme())
                && baseUrl.getHost().equalsIgnoreCase(url.getHost())
                && effectivePort(baseUrl) == effectivePort(url);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Splits a filter string in URL query form ({@code response_type=Sale&x=y}) into ordered, decoded pairs. */
    public static Map<String, String> parseQuery(String query) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            return pairs;
        }
        for (String part : query.trim().split("&")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("query filter '" + part + "' is not name=value");
            }
            pairs.put(decode(part.substring(0, eq).trim()), decode(part.substring(eq + 1).trim()));
        }
        return pairs;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String encodeQuery(Map<String, String> query) {
        StringJoiner joiner = new StringJoiner("&");
        if (query != null) {
            query.forEach((name, value) -> joiner.add(encode(name) + "=" + encode(value)));
        }
        return joiner.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        StringJoiner joiner = new StringJoiner("/");
        for (String segment : path.split("/", -1)) {
            joiner.add(encode(decode(segment)));
        }
        return joiner.toString();
    }

    /** Mends {@code a=1&b=Sale/?page=2} into {@code a=1&b=Sale&page=2}, the shape seen in Cube's own examples. */
    private static String repairQuery(String rawQuery) {
        if (rawQuery == null || !rawQuery.contains("?")) {
            return rawQuery;
        }
        StringJoiner joiner = new StringJoiner("&");
        String[] parts = rawQuery.split("\\?");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i < parts.length - 1 && part.endsWith("/")) {
                part = part.substring(0, part.length() - 1);
            }
            if (!part.isEmpty()) {
                joiner.add(part);
            }
        }
        return joiner.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "CubeConnection[" + baseUrl + ", auth " + authDescription + "]";
    }
}
