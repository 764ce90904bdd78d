package dev.mcpguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyNeedsTest {

    private static final Map<String, String> NONE = Map.of();

    @Test
    void theUsualSettingsNeedNothingBeforeTheApplication() {
        assertFalse(EarlyNeeds.any(null, NONE, NONE));
        assertFalse(EarlyNeeds.any("close-timeout=1000ms;log.level=debug", Map.of("mcp.guard.close-timeout", "5s",
                "user.dir", "/config/strict"), Map.of("MCP_GUARD_OWNER_THREADS", "4", "CONFIG", "x")));
    }

    @Test
    void strictModeAConfigurationFileOrReconnectMethodsAnywhereNeedThePremain() {
        assertTrue(EarlyNeeds.any("close-timeout=1s;strict=true", NONE, NONE));
        assertTrue(EarlyNeeds.any("config=/etc/mcp-guard.properties", NONE, NONE));
        assertTrue(EarlyNeeds.any("Reconnect.Methods=a.B#c", NONE, NONE));
        assertTrue(EarlyNeeds.any(null, Map.of(Settings.STRICT.key(), "true"), NONE));
        assertTrue(EarlyNeeds.any(null, Map.of(Settings.CONFIGURATION_FILE.key(), "f"), NONE));
        assertTrue(EarlyNeeds.any(null, Map.of(Settings.RECONNECT_METHODS.key(), "a.B#c"), NONE));
        assertTrue(EarlyNeeds.any(null, NONE, Map.of(Settings.STRICT.environmentVariable(), "true")));
        assertTrue(EarlyNeeds.any(null, NONE, Map.of(Settings.CONFIGURATION_FILE.environmentVariable(), "f")));
        assertTrue(EarlyNeeds.any(null, NONE, Map.of(Settings.RECONNECT_METHODS.environmentVariable(), "a.B#c")));
    }
}
