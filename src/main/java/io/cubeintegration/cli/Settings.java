package io.cubeintegration.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The settings as the application resolves them: by Camel's properties component, from the same places and by the
 * same rules as the running application, so what {@code --validate} checks is what start-up uses. In order: the
 * environment (the setting's name in upper case, {@code .} and {@code -} as {@code _}: {@code cube.base-url} is
 * {@code CUBE_BASE_URL}), the command line ({@code --demo}), the operator's settings file
 * ({@code config/application.properties} or {@code CUBE_CONFIG}), and the defaults built into the jar. Each value is
 * known with where it came from, for error messages.
 */
final class Settings {

    /** The places Camel Main reads settings from: the operator's file, then the jar's defaults (the first that has a key wins). */
    static String locations(Path configFile) {
        return "file:" + configFile + ";optional=true,classpath:application.properties;optional=true";
    }

    /**
     * The Camel component options the environment sets ({@code CAMEL_COMPONENT_HTTP_RESPONSE_TIMEOUT} is
     * {@code camel.component.http.response-timeout}), for Camel Main to apply over the files: Camel 4.18's own reading
     * of these variables never matches one, so without this they would be ignored while {@code --validate} reported
     * them as in force.
     */
    static Map<String, String> componentOptions(Map<String, String> environment) {
        Map<String, String> options = new TreeMap<>();
        environment.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            String[] parts = upper.split("_", 4);
            if (parts.length == 4 && upper.startsWith("CAMEL_COMPONENT_") && !parts[2].isEmpty() && !parts[3].isEmpty()) {
                options.put("camel.component." + parts[2].toLowerCase(Locale.ROOT) + "."
                        + parts[3].toLowerCase(Locale.ROOT).replace('_', '-'), value);
            }
        });
        return options;
    }

    /** The operator's settings file: {@code CUBE_CONFIG}, else {@code config/application.properties}. */
    static Path configFile() {
        return Path.of(System.getenv().getOrDefault("CUBE_CONFIG", "config/application.properties"));
    }

    private final PropertiesComponent properties;
    private final Path configFile;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    private Settings(PropertiesComponent properties, Path configFile) {
        this.properties = properties;
        this.configFile = configFile;
    }

    /** The settings of this process: its environment, its settings file, and what the command line sets. */
    static Settings resolve(Path configFile, Map<String, String> commandLine) {
        DefaultCamelContext context = new DefaultCamelContext();
        PropertiesComponent properties = (PropertiesComponent) context.getPropertiesComponent();
        properties.setLocation(locations(configFile));
        Properties overrides = new Properties();
        overrides.putAll(commandLine);
        properties.setOverrideProperties(overrides);
        Settings settings = new Settings(properties, configFile);
        properties.addPropertiesLookupListener((name, value, defaultValue, source) -> settings.sources.putIfAbsent(name, source));
        context.build();
        return settings;
    }

    /** The resolved value, its placeholders filled in; empty when no place sets it. */
    Optional<String> value(String key) {
        return properties.resolveProperty(key);
    }

    /** The properties component that resolves them: for the feed files' check, which fills in feeds' placeholders. */
    PropertiesComponent properties() {
        return properties;
    }

    /** Where a setting's value came from, as an operator names it. */
    String source(String key) {
        value(key);
        String source = sources.get(key);
        if (source == null) {
            return "no setting";
        }
        if (source.equals("ENV")) {
            return "the environment";
        }
        if (source.startsWith("classpath:")) {
            return "the built-in defaults";
        }
        if (source.startsWith("file:")) {
            return configFile.toString();
        }
        return "the command line";
    }

    /** The environment variable of a setting: {@code cube.base-url} is {@code CUBE_BASE_URL}. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
