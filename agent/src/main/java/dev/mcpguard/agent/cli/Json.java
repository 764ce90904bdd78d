package dev.mcpguard.agent.cli;

import java.util.Iterator;
import java.util.Map;

/** Just enough JSON writing for {@code status --json}: the agent carries no library, and needs no parser. */
final class Json {

    private final StringBuilder out = new StringBuilder();

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': quoted.append("\\\""); break;
                case '\\': quoted.append("\\\\"); break;
                case '\n': quoted.append("\\n"); break;
                case '\r': quoted.append("\\r"); break;
                case '\t': quoted.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
            }
        }
        return quoted.append('"').toString();
    }

    /** An object of numbers, by name, in the map's order. */
    static String numbers(Map<String, Long> values) {
        StringBuilder object = new StringBuilder("{");
        Iterator<Map.Entry<String, Long>> entries = values.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Long> entry = entries.next();
            object.append(quote(entry.getKey())).append(':').append(entry.getValue());
            if (entries.hasNext()) {
                object.append(',');
            }
        }
        return object.append('}').toString();
    }

    Json begin() {
        out.append('{');
        return this;
    }

    Json field(String name, String value) {
        return raw(name, quote(value));
    }

    Json field(String name, long value) {
        return raw(name, Long.toString(value));
    }

    Json field(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** A field whose value is already JSON. */
    Json raw(String name, String json) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append(quote(name)).append(':').append(json);
        return this;
    }

    String end() {
        return out.append('}').toString();
    }
}
