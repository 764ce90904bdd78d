package dev.mcpguard.agent.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live figures of mcp-guard at one moment, as the agent hands them to the command line ({@link #toMap()}, written
 * as JSON into {@value AgentMarks#STATUS}) and the command line reads them back ({@link #fromMap}): one shape on
 * both sides, the same the MBean shows.
 */
public record StatusSnapshot(String version, String startedBy, String sdk, List<SessionInfo> sessions,
        Map<String, Long> counters, long adviceErrors) {

    /** The key of the request's nonce next to the figures, which tells the command line the answer is its own. */
    public static final String NONCE = "nonce";

    public static StatusSnapshot of(GuardMXBean status) {
        return new StatusSnapshot(status.getVersion(), status.getStartedBy(), status.getSdk(),
                List.of(status.getSessions()), new TreeMap<>(status.getCounters()), status.getAdviceErrors());
    }

    public Map<String, Object> toMap() {
        List<Object> rows = new ArrayList<>();
        for (SessionInfo s : sessions) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.getId());
            row.put("transport", s.getTransport());
            row.put("server", s.getServer());
            row.put("owner", s.getOwner());
            row.put("ageMillis", s.getAgeMillis());
            row.put("adopted", s.isAdopted());
            rows.add(row);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", version);
        map.put("startedBy", startedBy);
        map.put("sdk", sdk);
        map.put("sessionsOpen", sessions.size());
        map.put("sessions", rows);
        map.put("counters", counters);
        map.put("adviceErrors", adviceErrors);
        return map;
    }

    /** @throws IllegalArgumentException when a figure is missing or of another type (an agent of another version) */
    public static StatusSnapshot fromMap(Map<?, ?> map) {
        try {
            List<SessionInfo> sessions = new ArrayList<>();
            for (Object item : (List<?>) map.get("sessions")) {
                Map<?, ?> row = (Map<?, ?>) item;
                sessions.add(new SessionInfo((Long) row.get("id"), (String) row.get("transport"),
                        (String) row.get("server"), (String) row.get("owner"), (Long) row.get("ageMillis"),
                        (Boolean) row.get("adopted")));
            }
            Map<String, Long> counters = new TreeMap<>();
            ((Map<?, ?>) map.get("counters")).forEach((name, value) -> counters.put((String) name, (Long) value));
            return new StatusSnapshot((String) map.get("version"), (String) map.get("startedBy"),
                    (String) map.get("sdk"), List.copyOf(sessions), counters, (Long) map.get("adviceErrors"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("the status snapshot lacks a figure or has one of another type", e);
        }
    }
}
