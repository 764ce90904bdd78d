package dev.mcpguard.agent.streams;

import dev.mcpguard.agent.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a client needs to resume one server-sent event stream, read from its bytes as they pass: the last event id,
 * the server's {@code retry:} delay and whether a JSON-RPC response came. The SDK's own parser keeps neither the
 * id of an event without data (the priming event of SEP-1699) for resumption nor the {@code retry:} field at all.
 */
public final class EventStreamFields {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private volatile String lastEventId;
    private volatile long retryMillis = -1;
    private volatile boolean responded;

    /** Feeds the next bytes of the stream; {@code bytes} is not consumed. */
    public synchronized void feed(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        while (view.hasRemaining()) {
            byte b = view.get();
            if (b == '\n') {
                field(lineText());
            } else {
                line.write(b);
            }
        }
    }

    private String lineText() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private void field(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (name) {
            case "id":
                // As in the HTML event-stream rules: an id with a NUL is ignored.
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
                break;
            case "retry":
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
                    retryMillis = Long.parseLong(value);
                }
                break;
            case "data":
                data.append(value).append('\n');
                break;
            default:
                break;
        }
    }

    private void dispatch() {
        if (data.length() > 0 && isResponse(data.toString())) {
            responded = true;
        }
        data.setLength(0);
    }

    /** A JSON-RPC message without a method is a response (a result or an error). */
    private static boolean isResponse(String message) {
        try {
            Object parsed = JsonReader.read(message.trim());
            return parsed instanceof Map && !((Map<?, ?>) parsed).containsKey("method");
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** The id of the last event, null when the server sent none: then the stream cannot be resumed. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The server's last {@code retry:} delay in milliseconds, or -1 when it sent none. */
    public long retryMillis() {
        return retryMillis;
    }

    /** Whether a JSON-RPC response came on the stream. */
    public boolean responded() {
        return responded;
    }
}
