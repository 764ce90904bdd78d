package dev.mcpguard.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mcpguard.agent.AgentStarterAccess;
import dev.mcpguard.agent.status.AgentMarks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupportAnnouncerTest {

    private static final ClassLoader LOADER = SupportAnnouncerTest.class.getClassLoader();

    @AfterEach
    void forget() {
        System.clearProperty(AgentMarks.SDK);
    }

    @Test
    void whatTheWeavingFindsBeforeTheBannerIsSaidAfterIt() {
        System.clearProperty(AgentMarks.SDK);
        SupportAnnouncer announcer = SupportAnnouncer.afterBanner(AgentStarterAccess.sdk());

        announcer.announceSupported(LOADER);
        assertNull(System.getProperty(AgentMarks.SDK));

        announcer.bannerPrinted();
        assertEquals(AgentStarterAccess.sdk().describe(LOADER), System.getProperty(AgentMarks.SDK));
    }

    @Test
    void onceTheBannerIsOutAndWithoutOneItIsSaidAtOnce() {
        SupportAnnouncer announcer = SupportAnnouncer.afterBanner(AgentStarterAccess.sdk());
        announcer.bannerPrinted();
        announcer.announce(LOADER, new ReferenceCheck.Verdict("sdk 9", null));
        assertEquals("sdk 9", System.getProperty(AgentMarks.SDK));

        new SupportAnnouncer(AgentStarterAccess.sdk()).announce(LOADER, new ReferenceCheck.Verdict("sdk 8", null));
        assertEquals("sdk 8", System.getProperty(AgentMarks.SDK));
    }
}
