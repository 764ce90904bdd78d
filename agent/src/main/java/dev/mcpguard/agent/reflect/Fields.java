package dev.mcpguard.agent.reflect;

import java.lang.reflect.Field;

/**
 * Reads and writes SDK fields the advice cannot hand over itself (they belong to objects the agent reaches later).
 * Every field used here is in the instrumentation's reference list, so a renamed field means an untouched SDK,
 * not a failure here; a module that does not open the SDK package makes these return null instead of throwing.
 */
public final class Fields {

    private Fields() {
    }

    public static Object read(Object target, String name) {
        Field field = find(target.getClass(), name);
        if (field == null) {
            return null;
        }
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    public static boolean write(Object target, String name, Object value) {
        Field field = find(target.getClass(), name);
        if (field == null) {
            return false;
        }
        try {
            field.set(target, value);
            return true;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    private static Field find(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException inaccessible) {
                return null;
            }
        }
        return null;
    }
}
