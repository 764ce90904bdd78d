package dev.mcpguard.agent.streams;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a client needs to resume one server-sent event stream, read from its bytes as they pass: the last event id
 * and the server's {@code retry:} delay. The SDK's own parser keeps neither the id of an event without data (the
 * priming event of SEP-1699) for resumption nor the {@code retry:} field at all. Only lines short enough to be one
 * of the two are kept while they arrive: a message's data is never copied.
 */
public final class EventStreamFields {

    /** Longer lines are data: the id or retry fields of real servers are far shorter. */
    static final int LONGEST_FIELD = 1024;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean tooLong;
    private volatile String lastEventId;
    private volatile long retryMillis = -1;

    /** Feeds the next bytes of the stream; {@code bytes} is not consumed. */
    public synchronized void feed(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        while (view.hasRemaining()) {
            byte b = view.get();
            if (b == '\n') {
                if (!tooLong) {
                    field(lineText());
                }
                line.reset();
                tooLong = false;
            } else if (line.size() < LONGEST_FIELD) {
                line.write(b);
            } else {
                tooLong = true;
            }
        }
    }

    private String lineText() {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private void field(String text) {
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
            default:
                break;
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
}
