package dev.mcpguard.agent.status;

import dev.mcpguard.agent.GuardVersion;
import dev.mcpguard.agent.ownership.OwnerPool;
import dev.mcpguard.agent.session.GuardedSession;
import dev.mcpguard.agent.session.SessionRegistry;
import dev.mcpguard.bootstrap.AdviceErrors;
import dev.mcpguard.bootstrap.GuardCounters;
import java.util.List;
import java.util.Map;

/** The MBean: reads the registry and the counters each time it is asked, so it is always live and costs nothing idle. */
public final class GuardStatus implements GuardMXBean {

    private final SessionRegistry registry;
    private final OwnerPool owners;
    private final String startedBy;

    public GuardStatus(SessionRegistry registry, OwnerPool owners, String startedBy) {
        this.registry = registry;
        this.owners = owners;
        this.startedBy = startedBy;
    }

    @Override
    public String getVersion() {
        return GuardVersion.get();
    }

    @Override
    public String getStartedBy() {
        return startedBy;
    }

    @Override
    public String getSdk() {
        return System.getProperty(AgentMarks.SDK, "");
    }

    @Override
    public int getSessionsOpen() {
        return registry.live().size();
    }

    @Override
    public SessionInfo[] getSessions() {
        List<GuardedSession> live = registry.live();
        live.sort((a, b) -> Long.compare(a.id(), b.id()));
        return live.stream()
                .map(s -> new SessionInfo(s.id(), s.transportType(), s.client().serverDetail(),
                        owners.ownerOf(s).toString(), s.ageMillis(), s.adopted()))
                .toArray(SessionInfo[]::new);
    }

    @Override
    public Map<String, Long> getCounters() {
        return GuardCounters.snapshot();
    }

    @Override
    public long getAdviceErrors() {
        return AdviceErrors.count();
    }
}
