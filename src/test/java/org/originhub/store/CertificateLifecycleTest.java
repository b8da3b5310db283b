package org.originhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originhub.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle store on its own (H2 in memory, the hub's schema.sql; {@link CertificateLifecycleOnPostgresTest} runs
 * the same tests on PostgreSQL): one row per business identity, legal moves, refused moves, the budget state.
 */
class CertificateLifecycleTest {

    private HikariDataSource data;
    private CertificateStore store;

    @BeforeEach
    void freshStore() {
        data = database("lifecycle");
        store = new CertificateStore(new JdbcTemplate(data));
    }

    @AfterEach
    void close() {
        data.close();
    }

    /** A fresh database with the hub's schema; H2 here. */
    protected HikariDataSource database(String name) {
        return TestDatabase.fresh(name);
    }

    private CertificateRecord issued(String messageId) {
        Instant now = Instant.now();
        return new CertificateRecord(Direction.OUTBOUND, "TH-1", "TH-DFT", "9", messageId, "formd-xml", "vn", "ATIGA",
                LifecycleStatus.ISSUED, TransportStatus.QUEUED.name(), "a".repeat(64), "<Envelope/>", now, now, "block",
                "b".repeat(64));
    }

    @Test
    void aBusinessIdentityIsStoredOnceAndAFailedOneCanBeResentUnderIt() {
        assertThat(store.insert(issued("m0"))).isTrue();

        assertThat(store.insert(issued("m0-again"))).as("same issuer, certificate and function").isFalse();
        assertThat(store.resend(issued("m0-again"))).as("the first one has not failed").isFalse();
        store.transition(Direction.OUTBOUND, "m0", LifecycleStatus.FAILED, TransportStatus.FAILED);
        assertThat(store.resend(issued("m0-resent"))).isTrue();

        assertThat(store.findByCertificateId("TH-1")).singleElement().satisfies(row -> {
            assertThat(row.messageId()).isEqualTo("m0-resent");
            assertThat(row.status()).isEqualTo(LifecycleStatus.ISSUED);
        });
    }

    @Test
    void aDuplicateInsertLeavesTheCallersTransactionUsable() {
        store.insert(issued("m0"));
        TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(data));

        // as the receiving hub does with a certificate resent to it: insert, find the first, record, commit
        LifecycleStatus before = transaction.execute(status -> {
            assertThat(store.insert(issued("m0-again"))).isFalse();
            CertificateRecord first = store.find(Direction.OUTBOUND, "TH-DFT", "TH-1", "9").orElseThrow();
            store.transportStatus(Direction.OUTBOUND, first.messageId(), "DUPLICATE_SEEN");
            return first.status();
        });

        assertThat(before).isEqualTo(LifecycleStatus.ISSUED);
        assertThat(store.findByMessageId(Direction.OUTBOUND, "m0").orElseThrow().transportStatus())
                .as("the work after the refused insert committed").isEqualTo("DUPLICATE_SEEN");
    }

    @Test
    void aTakenKeyIsSkippedByTheStatementOnPostgresAndUnderASavepointElsewhere() {
        AtomicInteger savepoints = new AtomicInteger();
        DataSource counted = savepointsCounted(data, savepoints);
        CertificateStore countedStore = new CertificateStore(new JdbcTemplate(counted));
        countedStore.insert(issued("m0"));

        new TransactionTemplate(new JdbcTransactionManager(counted)).executeWithoutResult(
                status -> assertThat(countedStore.insert(issued("m0-again"))).isFalse());

        assertThat(savepoints).as("savepoints set for an insert that finds its key taken")
                .hasValue(savepointsPerTakenKey());
    }

    /** H2 needs a savepoint to go on after a failed statement; PostgreSQL's ON CONFLICT needs none. */
    protected int savepointsPerTakenKey() {
        return 1;
    }

    /** The same database, counting the savepoints set on its connections. */
    private static DataSource savepointsCounted(DataSource data, AtomicInteger savepoints) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, data, args);
                    if (!"getConnection".equals(method.getName())) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if ("setSavepoint".equals(m.getName())) {
                                    savepoints.incrementAndGet();
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void theDeliveryPathReadsTheWholeRowButTheEnvelope() {
        store.insert(issued("m2"));

        CertificateRecord whole = store.findByMessageId(Direction.OUTBOUND, "m2").orElseThrow();
        CertificateRecord light = store.findWithoutEnvelope(Direction.OUTBOUND, "m2").orElseThrow();

        assertThat(whole.canonicalEnvelope()).isEqualTo("<Envelope/>");
        assertThat(light.canonicalEnvelope()).isNull();
        assertThat(light).usingRecursiveComparison().ignoringFields("canonicalEnvelope").isEqualTo(whole);
        assertThat(store.findWithoutEnvelope(Direction.INBOUND, "m2")).isEmpty();
    }

    @Test
    void businessStatusFollowsTheSpecifiedPathAndTransportStatusIsKeptApart() {
        store.insert(issued("m1"));

        store.transition(Direction.OUTBOUND, "m1", LifecycleStatus.TRANSMITTED, TransportStatus.SENDING);
        store.attemptFailed("m1", TransportStatus.RETRYING.after(1), "connection refused");
        CertificateRecord retrying = store.findByMessageId(Direction.OUTBOUND, "m1").orElseThrow();
        store.transition(Direction.OUTBOUND, "m1", LifecycleStatus.ACCEPTED, TransportStatus.ACKNOWLEDGED);

        assertThat(retrying.status()).isEqualTo(LifecycleStatus.TRANSMITTED);
        assertThat(retrying.transportStatus()).isEqualTo("RETRYING(1)");
        assertThat(store.findByMessageId(Direction.OUTBOUND, "m1").orElseThrow().status()).isEqualTo(LifecycleStatus.ACCEPTED);
    }

    @Test
    void illegalTransitionsAreRefused() {
        store.insert(issued("m2"));
        store.transition(Direction.OUTBOUND, "m2", LifecycleStatus.REJECTED, TransportStatus.ACKNOWLEDGED);

        assertThatThrownBy(() -> store.transition(Direction.OUTBOUND, "m2", LifecycleStatus.ACCEPTED, TransportStatus.ACKNOWLEDGED))
                .isInstanceOf(IllegalLifecycleTransitionException.class);
        assertThatThrownBy(() -> store.transition(Direction.OUTBOUND, "m2", LifecycleStatus.FAILED, TransportStatus.FAILED))
                .isInstanceOf(IllegalLifecycleTransitionException.class);
        assertThat(LifecycleStatus.ACCEPTED.next()).isEmpty();
        assertThat(LifecycleStatus.DELIVERED.canMoveTo(LifecycleStatus.ISSUED)).isFalse();
    }

    @Test
    void aMoveFromARowJustReadIsCheckedAgainstTheRowWhenAnotherCopyMovedItMeanwhile() {
        store.insert(issued("m4"));
        CertificateRecord read = store.findWithoutEnvelope(Direction.OUTBOUND, "m4").orElseThrow();

        assertThat(store.transition(read, LifecycleStatus.TRANSMITTED, TransportStatus.SENDING))
                .isEqualTo(LifecycleStatus.ISSUED);
        CertificateRecord sent = store.findWithoutEnvelope(Direction.OUTBOUND, "m4").orElseThrow();
        assertThat(sent.status()).isEqualTo(LifecycleStatus.TRANSMITTED);
        assertThat(sent.transportStatus()).isEqualTo("SENDING");

        // another copy of the message is answered REJECTED between this caller's read and its move
        store.transition(Direction.OUTBOUND, "m4", LifecycleStatus.REJECTED, TransportStatus.ACKNOWLEDGED);
        assertThatThrownBy(() -> store.transition(sent, LifecycleStatus.ACCEPTED, TransportStatus.ACKNOWLEDGED))
                .as("read as TRANSMITTED, but REJECTED in the database: the move is refused, not applied")
                .isInstanceOf(IllegalLifecycleTransitionException.class);
        assertThat(store.findWithoutEnvelope(Direction.OUTBOUND, "m4").orElseThrow().status())
                .isEqualTo(LifecycleStatus.REJECTED);
    }

    @Test
    void aLegalMoveFromAStaleReadIsStillAppliedAfterTheRowIsReadAgain() {
        store.insert(issued("m5"));
        CertificateRecord read = store.findWithoutEnvelope(Direction.OUTBOUND, "m5").orElseThrow();
        // another copy of the message is sent between this caller's read (ISSUED) and its move
        store.transition(Direction.OUTBOUND, "m5", LifecycleStatus.TRANSMITTED, TransportStatus.SENDING);

        assertThat(store.transition(read, LifecycleStatus.ACCEPTED, TransportStatus.ACKNOWLEDGED))
                .as("the status the row had when it was moved, read again").isEqualTo(LifecycleStatus.TRANSMITTED);
        CertificateRecord accepted = store.findWithoutEnvelope(Direction.OUTBOUND, "m5").orElseThrow();
        assertThat(accepted.status()).isEqualTo(LifecycleStatus.ACCEPTED);
        assertThat(accepted.transportStatus()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void anAttemptIsCountedAndMovedInOneUpdateOnlyWhileTheRowIsAsItWasRead() {
        store.insert(issued("m6"));
        CertificateStore.Delivery read = store.findForDelivery("m6").orElseThrow();
        assertThat(read.record().status()).isEqualTo(LifecycleStatus.ISSUED);
        assertThat(read.state().attempts()).isZero();
        assertThat(read.state().since()).as("waiting since it was stored").isNotNull();

        // another copy of the message counts its attempt between this caller's read and its update
        store.startAttempt("m6");
        assertThat(store.startAttempt(read, LifecycleStatus.TRANSMITTED, TransportStatus.SENDING))
                .as("read with no attempt, but one is counted in the database: nothing applied").isFalse();
        CertificateStore.Delivery unchanged = store.findForDelivery("m6").orElseThrow();
        assertThat(unchanged.record().status()).isEqualTo(LifecycleStatus.ISSUED);
        assertThat(unchanged.state().attempts()).isEqualTo(1);

        assertThat(store.startAttempt(unchanged, LifecycleStatus.TRANSMITTED, TransportStatus.SENDING)).isTrue();
        CertificateStore.Delivery sent = store.findForDelivery("m6").orElseThrow();
        assertThat(sent.record().status()).isEqualTo(LifecycleStatus.TRANSMITTED);
        assertThat(sent.record().transportStatus()).isEqualTo("SENDING");
        assertThat(sent.state().attempts()).isEqualTo(2);
        assertThat(sent.state().since()).isEqualTo(read.state().since());

        // another copy moves the row without counting (its ACK) between this caller's read and its update
        store.transition(Direction.OUTBOUND, "m6", LifecycleStatus.ACCEPTED, TransportStatus.ACKNOWLEDGED);
        assertThat(store.startAttempt(sent, LifecycleStatus.TRANSMITTED, TransportStatus.SENDING))
                .as("read as TRANSMITTED, but ACCEPTED in the database with the same count: nothing applied").isFalse();
        assertThat(store.findForDelivery("m6").orElseThrow().record().status()).isEqualTo(LifecycleStatus.ACCEPTED);
    }

    @Test
    void aMoveFromTheRowAsTheCallerLeftItAppliesOnlyWhileTheRowStillHasThatStatus() {
        store.insert(issued("m7"));
        store.transition(Direction.OUTBOUND, "m7", LifecycleStatus.TRANSMITTED, TransportStatus.SENDING);
        // as the delivery path holds the row after its attempt, without reading it again for the partner's answer
        CertificateRecord sent = store.findWithoutEnvelope(Direction.OUTBOUND, "m7").orElseThrow()
                .withStatus(LifecycleStatus.TRANSMITTED);

        assertThat(store.move(sent, LifecycleStatus.ACCEPTED, TransportStatus.ACKNOWLEDGED)).isTrue();
        CertificateRecord accepted = store.findWithoutEnvelope(Direction.OUTBOUND, "m7").orElseThrow();
        assertThat(accepted.status()).isEqualTo(LifecycleStatus.ACCEPTED);
        assertThat(accepted.transportStatus()).isEqualTo("ACKNOWLEDGED");

        // the answer to another copy of the message: the row is no longer TRANSMITTED, so nothing applies
        assertThat(store.move(sent, LifecycleStatus.REJECTED, TransportStatus.ACKNOWLEDGED)).isFalse();
        assertThat(store.findWithoutEnvelope(Direction.OUTBOUND, "m7").orElseThrow().status())
                .isEqualTo(LifecycleStatus.ACCEPTED);
        assertThatThrownBy(() -> store.move(accepted, LifecycleStatus.TRANSMITTED, TransportStatus.SENDING))
                .as("checked against the lifecycle like any move").isInstanceOf(IllegalLifecycleTransitionException.class);
    }

    @Test
    void attemptsAreCountedDurablyAndAReplayOfAFailedCertificateStartsAFreshBudgetOnce() {
        store.insert(issued("m3"));
        store.startAttempt("m3");
        CertificateStore.DeliveryState second = store.startAttempt("m3");
        store.transition(Direction.OUTBOUND, "m3", LifecycleStatus.FAILED, TransportStatus.FAILED);
        store.attemptFailed("m3", TransportStatus.FAILED.name(), "HTTP 400");

        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.since()).isNotNull();
        assertThat(store.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastError()).isEqualTo("HTTP 400");
        });

        assertThat(store.replay("m3")).isTrue();
        assertThat(store.replay("m3")).as("a second replay of the same failure").isFalse();
        CertificateStore.DeliveryState fresh = store.deliveryState("m3").orElseThrow();
        assertThat(fresh.attempts()).isZero();
        assertThat(fresh.since()).as("the maximum age counts again from the replay").isAfterOrEqualTo(second.since());
        assertThat(store.deadLetters()).isEmpty();
        assertThat(store.neverAttempted()).extracting(CertificateRecord::messageId).containsExactly("m3");
    }

    @Test
    void theRetryBudgetIsSpentByAttemptsOrByAge() {
        var policy = new org.originhub.config.RetryPolicy(3, 100, 2.0, 1000, java.time.Duration.ofHours(1));
        Instant now = Instant.now();

        assertThat(policy.spent(2, now, now)).isFalse();
        assertThat(policy.spent(3, now, now)).isTrue();
        assertThat(policy.spent(1, now.minus(java.time.Duration.ofHours(2)), now)).isTrue();
        assertThat(policy.delayAfter(1)).isEqualTo(100);
        assertThat(policy.delayAfter(3)).isEqualTo(400);
        assertThat(policy.delayAfter(10)).isEqualTo(1000);
    }
}
