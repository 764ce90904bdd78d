package dev.mcpguard.it.bench;

import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the agent itself retains, walked from its session registry: every object reachable from there that is the
 * agent's or the JDK's (maps, weak references, strings, futures), counted once, with its size from the heap
 * histogram (the exact size of every instance of a class) or, for arrays, from the array's length. The walk stops
 * at the application's and the SDK's objects (the agent holds those weakly, and they are not its memory), at the
 * referent of a weak reference, at threads and at classes.
 *
 * <p>This is the agent's memory without the noise of a whole-heap difference between two JVMs, which on this
 * workload swings by several KB per session from run to run (HTTP exchanges and buffers in flight at the
 * snapshot). Needs {@code --add-opens java.base/java.util=ALL-UNNAMED,java.base/java.util.concurrent=ALL-UNNAMED,
 * java.base/java.lang=ALL-UNNAMED} (run.sh passes them on both sides).
 */
final class AgentFootprint {

    /** Compressed class pointers and oops (heaps under 32 GB): array header 16 bytes, references 4. */
    private static final int ARRAY_HEADER = 16;
    private static final int REFERENCE = 4;

    final long bytes;
    final long objects;
    final Map<String, long[]> byClass;

    private AgentFootprint(long bytes, long objects, Map<String, long[]> byClass) {
        this.bytes = bytes;
        this.objects = objects;
        this.byClass = byClass;
    }

    /** Bytes of the agent's own classes ({@code dev.mcpguard.*}) among the objects walked. */
    long agentClassBytes() {
        long sum = 0;
        for (Map.Entry<String, long[]> row : byClass.entrySet()) {
            if (row.getKey().startsWith("dev.mcpguard.") && !row.getKey().startsWith("dev.mcpguard.it.")) {
                sum += row.getValue()[1];
            }
        }
        return sum;
    }

    /** The agent's session registry, or null when no agent is loaded. */
    static Object registry() {
        try {
            Class<?> hooks = Class.forName("dev.mcpguard.bootstrap.SessionHooks", false, null);
            Object listener = read(hooks.getDeclaredField("listener"), null);
            return listener == null ? null : read(listener.getClass().getDeclaredField("registry"), listener);
        } catch (ClassNotFoundException absent) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the agent's session registry", e);
        }
    }

    static AgentFootprint walk(Object root, HeapHistogram sizes) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        Map<String, long[]> byClass = new TreeMap<>();
        long bytes = 0;
        long objects = 0;
        todo.push(root);
        seen.add(root);
        while (!todo.isEmpty()) {
            Object object = todo.pop();
            Class<?> type = object.getClass();
            long size = sizeOf(object, type, sizes);
            bytes += size;
            objects++;
            long[] row = byClass.computeIfAbsent(type.getName(), k -> new long[2]);
            row[0]++;
            row[1] += size;
            for (Object next : references(object, type)) {
                if (next != null && follows(next) && seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return new AgentFootprint(bytes, objects, byClass);
    }

    /** The agent's own objects and the JDK objects it holds; not the application's, the SDK's, threads, classes. */
    private static boolean follows(Object object) {
        if (object instanceof Class || object instanceof Thread || object instanceof ClassLoader) {
            return false;
        }
        Class<?> type = object.getClass();
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive()) {
            return true;
        }
        String name = type.getName();
        return name.startsWith("dev.mcpguard.") && !name.startsWith("dev.mcpguard.it.")
                || name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    private static List<Object> references(Object object, Class<?> type) {
        List<Object> out = new ArrayList<>();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0, n = Array.getLength(object); i < n; i++) {
                    out.add(Array.get(object, i));
                }
            }
            return out;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c == Reference.class) {
                break; // a weak (or soft) reference: its referent is not the agent's
            }
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    out.add(read(field, object));
                } catch (ReflectiveOperationException | RuntimeException closed) {
                    // a field the module system keeps closed: not followed (run.sh opens the ones that matter)
                }
            }
        }
        return out;
    }

    private static long sizeOf(Object object, Class<?> type, HeapHistogram sizes) {
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            long element = !component.isPrimitive() ? REFERENCE
                    : component == long.class || component == double.class ? 8
                    : component == int.class || component == float.class ? 4
                    : component == short.class || component == char.class ? 2 : 1;
            return align(ARRAY_HEADER + element * Array.getLength(object));
        }
        long[] row = sizes.byClass.get(type.getName());
        if (row != null && row[0] > 0) {
            return row[1] / row[0];
        }
        long fields = 12;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    Class<?> t = field.getType();
                    fields += !t.isPrimitive() ? REFERENCE : t == long.class || t == double.class ? 8
                            : t == int.class || t == float.class ? 4 : t == short.class || t == char.class ? 2 : 1;
                }
            }
        }
        return align(fields);
    }

    private static long align(long size) {
        return (size + 7) / 8 * 8;
    }

    private static Object read(Field field, Object owner) throws IllegalAccessException {
        field.setAccessible(true);
        return field.get(owner);
    }
}
