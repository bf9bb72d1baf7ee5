package io.cubeintegration.cube;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of this process's secrets, and their removal from any text: every log line passes through it (a log4j
 * rewrite policy), and so do the messages the application prints, its error messages and its health answers. A
 * secret is kept out of output by construction, not by each message remembering to leave it out: whatever quotes it
 * (Camel's own logs, a driver's exception, a Kafka login error) shows {@value #MASK} instead.
 */
public final class SecretMask {

    /** What a secret reads as wherever it would have appeared. */
    public static final String MASK = "****";

    /** The settings that hold secrets. */
    public static final List<String> SECRET_SETTINGS = List.of("cube.token", "cube.password", "cube.truststore-password",
            "cube.state-jdbc.password", "kafka.sasl-jaas-config", "kafka.ssl-truststore-password");

    /** Shorter values could not be masked without garbling every line that happens to hold them. */
    private static final int SHORTEST = 4;
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(?:[?&;]password=([^&;]*)|//[^/:@]*:([^@/]*)@)");

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static volatile Pattern pattern;

    private SecretMask() {
    }

    /**
     * Learns the secrets among these settings (their values by key, as the settings or the environment name them),
     * with what can be read from them: a JAAS config's password, a JDBC URL's password, the Basic header of a
     * username and password.
     */
    public static void learn(Function<String, String> setting) {
        List<String> found = new ArrayList<>();
        for (String key : SECRET_SETTINGS) {
            found.add(setting.apply(key));
        }
        String jaas = setting.apply("kafka.sasl-jaas-config");
        if (jaas != null) {
            Matcher password = JAAS_PASSWORD.matcher(jaas);
            while (password.find()) {
                found.add(password.group(1));
            }
        }
        String url = setting.apply("cube.state-jdbc.url");
        if (url != null) {
            Matcher password = URL_PASSWORD.matcher(url);
            while (password.find()) {
                found.add(password.group(1) != null ? password.group(1) : password.group(2));
            }
        }
        String username = setting.apply("cube.username");
        String password = setting.apply("cube.password");
        if (username != null && password != null && !password.isEmpty()) {
            found.add(Base64.getEncoder().encodeToString((username.trim() + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        String token = setting.apply("cube.token");
        if (token != null) {
            // the Authorization header sends it trimmed
            found.add(token.trim());
        }
        add(found);
    }

    /** The secrets the environment holds, by Camel's rule for a setting's variable ({@code cube.token} is CUBE_TOKEN). */
    public static void learnFromEnvironment(Map<String, String> environment) {
        learn(key -> environment.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
    }

    private static synchronized void add(Collection<String> values) {
        boolean changed = false;
        for (String value : values) {
            if (value != null && value.length() >= SHORTEST) {
                changed |= SECRETS.add(value);
            }
        }
        if (changed) {
            // longest first, so a secret that holds another is masked whole
            List<String> ordered = new ArrayList<>(SECRETS);
            ordered.sort(Comparator.comparingInt(String::length).reversed());
            pattern = Pattern.compile(String.join("|", ordered.stream().map(Pattern::quote).toList()));
        }
    }

    /** The text with every known secret replaced by {@value #MASK}. */
    public static String mask(String text) {
        Pattern secrets = pattern;
        if (text == null || secrets == null) {
            return text;
        }
        return secrets.matcher(text).replaceAll(MASK);
    }
}
