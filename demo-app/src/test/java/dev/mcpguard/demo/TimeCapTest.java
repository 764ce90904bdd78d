package dev.mcpguard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loops' time cap follows the reconnects asked for, so that a long run is not cut off at a fixed minute. */
class TimeCapTest {

    @Test
    void aShortRunGetsTheFloor() throws DemoOptions.UsageException {
        DemoOptions options = DemoOptions.parse(List.of("--scenario", "planned-reconnects"));
        assertEquals(Loops.TIME_CAP_FLOOR, options.timeCapFor(options.keepalive()));
    }

    @Test
    void aLongRunGetsItsAllowancePerReconnect() throws DemoOptions.UsageException {
        DemoOptions options = DemoOptions.parse(List.of("--scenario", "planned-reconnects", "--reconnects", "200"));
        // (the 1 s keepalive + 3 s) x 200: the 200 reconnects the old fixed 3-minute cap cut short
        assertEquals(Duration.ofSeconds(800), options.timeCapFor(options.keepalive()));
        DemoOptions quick = DemoOptions.parse(List.of("--scenario", "planned-reconnects", "--reconnects", "1000",
                "--keepalive", "200"));
        assertEquals(Duration.ofSeconds(3200), quick.timeCapFor(quick.keepalive()));
    }

    @Test
    void aCapAskedForIsTakenAsIs() throws DemoOptions.UsageException {
        DemoOptions options = DemoOptions.parse(List.of("--scenario", "reactor-close", "--reconnects", "1000",
                "--time-cap", "5"));
        assertEquals(Duration.ofSeconds(5), options.timeCapFor(ReactorClose.RECYCLE_AFTER));
    }

    @Test
    void theLoopOptionsAreRefusedWhereThereAreNoLongLoops() {
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse(List.of("--time-cap", "5")));
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse(List.of("--scenario", "reactor-close",
                "--keepalive", "200")));
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse(List.of("--scenario",
                "planned-reconnects", "--keepalive", "99")));
    }
}
