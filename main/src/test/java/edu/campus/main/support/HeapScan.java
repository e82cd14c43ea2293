package edu.campus.main.support;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the objects reachable from some roots (fields of the platform's own classes, collections, maps, arrays, strings)
 * looking for a secret: where it was found, as field paths. JDK and framework internals are entered only through their
 * public collection views; the walk is bounded in depth and objects.
 */
public final class HeapScan {

    private final String secret;
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private final List<String> found = new ArrayList<>();
    private int visited;

    private HeapScan(String secret) {
        this.secret = secret;
    }

    /** The paths (root.field.field...) at which {@code secret} is reachable from {@code roots}. */
    public static List<String> find(String secret, Map<String, Object> roots) {
        HeapScan scan = new HeapScan(secret);
        roots.forEach((name, root) -> scan.walk(root, name, 0));
        return scan.found;
    }

    /** How many objects a scan of these roots visits (so a test can show the walk was not empty). */
    public static int reach(Map<String, Object> roots) {
        HeapScan scan = new HeapScan("\u0000never");
        roots.forEach((name, root) -> scan.walk(root, name, 0));
        return scan.visited;
    }

    private void walk(Object value, String path, int depth) {
        if (value == null || depth > 12 || visited > 200_000 || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        visited++;
        if (value instanceof CharSequence text) {
            if (text.toString().contains(secret)) {
                found.add(path);
            }
            return;
        }
        if (value instanceof byte[] bytes) {
            if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains(secret)) {
                found.add(path);
            }
            return;
        }
        if (value instanceof char[] chars) {
            if (new String(chars).contains(secret)) {
                found.add(path);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(value); i++) {
                    walk(Array.get(value, i), path + "[" + i + "]", depth + 1);
                }
            }
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : List.copyOf(collection.stream().filter(java.util.Objects::nonNull).toList())) {
                walk(item, path + "[" + i++ + "]", depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                walk(k, path + "{key}", depth + 1);
                walk(v, path + "{" + k + "}", depth + 1);
            });
            return;
        }
        if (!type.getName().startsWith("edu.campus.")) {
            return; // framework and JDK internals: not this code's state
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    walk(field.get(value), path + "." + field.getName(), depth + 1);
                } catch (ReflectiveOperationException | RuntimeException inaccessible) {
                    // a field the walk cannot open is not this code's state
                }
            }
        }
    }
}
