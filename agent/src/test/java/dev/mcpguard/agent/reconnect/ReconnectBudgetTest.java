package dev.mcpguard.agent.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.artifacts.Verdict;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReconnectBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ReconnectBudget budget = new ReconnectBudget("127.0.0.1:3001", Duration.ofSeconds(1),
            Duration.ofSeconds(30), 3, 2, now::get);
    private static final Verdict REAL = new Verdict(false, "java.net.ConnectException: Connection refused");
    private static final Verdict ARTIFACT = new Verdict(true, "session-terminated");

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aFreshBudgetAllowsAttempts() {
        assertNull(budget.refusal());
        assertNull(budget.refusal());
    }

    @Test
    void realFailuresAreSpacedByAGrowingBackoff() {
        budget.failed(REAL);
        String refusal = budget.refusal();
        assertNotNull(refusal);
        assertTrue(refusal.contains("127.0.0.1:3001") && refusal.contains("ConnectException"), refusal);
        advance(Duration.ofMillis(1200)); // first backoff is 1s +-20%
        assertNull(budget.refusal());
        budget.failed(REAL);
        advance(Duration.ofMillis(1300));
        assertNotNull(budget.refusal(), "the second backoff is about 2s");
        advance(Duration.ofMillis(1300));
        assertNull(budget.refusal());
    }

    @Test
    void theCircuitOpensAfterMaxFailuresAndLetsOneProbeThrough() {
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(30));
            assertNull(budget.refusal());
            budget.failed(REAL);
        }
        assertTrue(budget.refusal().contains("circuit open"));
        advance(Duration.ofSeconds(30));
        assertNull(budget.refusal(), "the probe");
        assertNotNull(budget.refusal(), "only one probe at a time");
        budget.succeeded();
        assertNull(budget.refusal());
        assertNull(budget.refusal());
    }

    @Test
    void artifactsNeverConsumeTheBudgetButAStreakCountsOnce() {
        budget.failed(ARTIFACT);
        assertNull(budget.refusal(), "another session to the same server may initialize at once");
        budget.failed(ARTIFACT);
        assertNull(budget.refusal());
        budget.failed(ARTIFACT); // the third in a row is past the streak limit of 2: one real failure
        advance(Duration.ofMillis(200));
        String refusal = budget.refusal();
        assertNotNull(refusal);
        assertTrue(refusal.contains("1 failure(s) in a row") && refusal.contains("teardown artifacts"), refusal);
    }

    @Test
    void aSuccessResetsTheBackoff() {
        budget.failed(REAL);
        budget.failed(REAL);
        budget.succeeded();
        assertNull(budget.refusal());
        budget.failed(REAL);
        advance(Duration.ofMillis(1250));
        assertNull(budget.refusal(), "back to the first backoff");
    }

    @Test
    void aCallerThatWouldRatherWaitLearnsHowLongWithoutARefusal() {
        assertEquals(0, budget.admit());
        budget.failed(REAL);
        long wait = budget.admit();
        assertTrue(wait >= Duration.ofMillis(800).toNanos() && wait <= Duration.ofMillis(1200).toNanos(), "" + wait);
        assertTrue(!budget.circuitOpen());
        advance(Duration.ofNanos(wait));
        assertEquals(0, budget.admit());
    }

    @Test
    void withTheCircuitOpenOnlyOneCallerGetsTheProbe() {
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(30));
            budget.failed(REAL);
        }
        assertTrue(budget.circuitOpen());
        advance(Duration.ofSeconds(30));
        assertEquals(0, budget.admit(), "the probe");
        assertTrue(budget.admit() > 0, "the next one waits for another backoff");
    }

    @Test
    void aConnectedSessionsCallsAreRefusedOnlyOnceTheCircuitIsOpen() {
        budget.failed(REAL);
        assertNull(budget.refusalIfOpen(), "one failure refuses no call");
        advance(Duration.ofSeconds(30));
        budget.failed(REAL);
        advance(Duration.ofSeconds(30));
        budget.failed(REAL);
        String refusal = budget.refusalIfOpen();
        assertTrue(refusal != null && refusal.contains("circuit open"), refusal);
    }

    @Test
    void callsInFlightTogetherCountOnceAndSetNoWaitUntilTheCircuitOpens() {
        long started = budget.now();
        advance(Duration.ofMillis(10));
        for (int i = 0; i < 5; i++) {
            budget.failed(REAL, started);
        }
        assertTrue(!budget.circuitOpen(), "calls in flight together when the server went away count once");
        assertNull(budget.refusal(), "a re-initialization is not held back by calls' failures");
        advance(Duration.ofMillis(100));
        budget.failed(REAL, budget.now());
        assertTrue(!budget.circuitOpen());
        assertNull(budget.refusalIfOpen(), "calls go on until the circuit opens");
        advance(Duration.ofMillis(100));
        budget.failed(REAL, budget.now());
        assertTrue(budget.circuitOpen(), "each call made after the last failure counted counts");
        String refusal = budget.refusalIfOpen();
        assertTrue(refusal != null && refusal.contains(" 3 failure(s) in a row"), refusal);
    }

    @Test
    void aServerListeningAgainLetsEveryAttemptGoUntilOneFailsOrABaseBackoffPassed() {
        for (int i = 0; i < 3; i++) {
            budget.failed(REAL);
        }
        assertTrue(budget.circuitOpen());
        assertNotNull(budget.refusal(), "the backoff runs");
        budget.listening();
        assertNull(budget.refusal(), "an attempt goes at once");
        assertNull(budget.refusal(), "and another: a probe whose outcome never comes holds nobody back");
        budget.failed(REAL);
        assertNotNull(budget.refusal(), "a failure ends the pass");
        budget.listening();
        advance(Duration.ofMillis(1001));
        assertNull(budget.refusal(), "the first attempt after the pass is the probe");
        assertNotNull(budget.refusal(), "one probe");
    }

    @Test
    void aBudgetWithNoFailuresIsNotChangedByAServerListening() {
        budget.listening();
        budget.failed(REAL);
        assertNotNull(budget.refusal());
    }
}
