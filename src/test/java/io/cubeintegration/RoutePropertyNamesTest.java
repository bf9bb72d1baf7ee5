package io.cubeintegration;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange properties a run carries are named once, by a {@code *PROPERTY} constant of the class that owns
 * them; the kamelets and the shared routes spell the same names, so this test holds the two together.
 */
class RoutePropertyNamesTest {

    private static final Pattern IN_ROUTES = Pattern.compile("exchangeProperty\\.(\\w+)|setProperty:\\s*\\n\\s*name: (\\w+)");

    // Every property a kamelet or a shared route reads or sets is the value of a product constant.
    @Test
    void routesNameOnlyDeclaredProperties() throws Exception {
        Map<String, String> declared = declaredProperties();
        Set<String> inRoutes = new TreeSet<>();
        for (String folder : List.of("src/main/resources/feed-routes", "src/main/resources/kamelets")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path file : files.toList()) {
                    Matcher matcher = IN_ROUTES.matcher(Files.readString(file));
                    while (matcher.find()) {
                        inRoutes.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                    }
                }
            }
        }
        Set<String> undeclared = new TreeSet<>(inRoutes);
        undeclared.removeAll(declared.keySet());
        assertEquals(Set.of(), undeclared, "properties the routes name that no constant declares (declared: " + declared + ")");
        assertTrue(inRoutes.size() >= 7, "the routes' properties were found: " + inRoutes);
    }

    /** Every public static final String field named *PROPERTY of the product's classes, by its value. */
    private static Map<String, String> declaredProperties() throws IOException, ReflectiveOperationException {
        Path classes = Path.of("target/classes");
        Map<String, String> declared = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace(File.separatorChar, '.');
                Class<?> type = Class.forName(name, false, RoutePropertyNamesTest.class.getClassLoader());
                for (Field field : type.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (field.getName().endsWith("PROPERTY") && field.getType() == String.class && Modifier.isStatic(modifiers)
                            && Modifier.isFinal(modifiers) && Modifier.isPublic(modifiers)) {
                        declared.put((String) field.get(null), type.getSimpleName() + "." + field.getName());
                    }
                }
            }
        }
        return declared;
    }
}
