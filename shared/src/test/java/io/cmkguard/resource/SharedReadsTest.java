package io.cmkguard.resource;

import io.cmkguard.model.Encryption;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciCallException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedReadsTest {
    private static final String CDB = "ocid1.database.oc1.iad.cdb";

    private static Resource database(String id) {
        return new Resource("database", id, "CDB", "ocid1.compartment.oc1..c", "us-ashburn-1", "AVAILABLE",
                Encryption.walletOnly(), List.of(), Optional.empty(), null, "");
    }

    /** A read that counts itself. */
    private static Supplier<Optional<Resource>> counting(AtomicInteger reads, String id) {
        return () -> {
            reads.incrementAndGet();
            return Optional.of(database(id));
        };
    }

    @Test
    void aResourceIsReadOnceForEveryCheckOfTheTrigger() {
        SharedReads shared = SharedReads.forOneTrigger();
        AtomicInteger reads = new AtomicInteger();
        Optional<Resource> first = shared.resource(CDB, counting(reads, CDB));
        for (int i = 0; i < 5; i++) {
            assertSame(first.get(), shared.resource(CDB, counting(reads, CDB)).get());
        }
        assertEquals(1, reads.get());
    }

    @Test
    void aResourceThatDoesNotExistIsAlsoAnsweredOnce() {
        SharedReads shared = SharedReads.forOneTrigger();
        AtomicInteger reads = new AtomicInteger();
        Supplier<Optional<Resource>> gone = () -> {
            reads.incrementAndGet();
            return Optional.empty();
        };
        assertTrue(shared.resource(CDB, gone).isEmpty());
        assertTrue(shared.resource(CDB, gone).isEmpty());
        assertEquals(1, reads.get());
    }

    @Test
    void checksAskingAtOnceWaitForTheOneRead() throws Exception {
        SharedReads shared = SharedReads.forOneTrigger();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Optional<Resource>> first = pool.submit(() -> shared.resource(CDB, () -> {
                reads.incrementAndGet();
                inFlight.countDown();
                await(release);
                return Optional.of(database(CDB));
            }));
            assertTrue(inFlight.await(10, TimeUnit.SECONDS));
            List<Future<Optional<Resource>>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(pool.submit(() -> shared.resource(CDB, counting(reads, CDB))));
            }
            release.countDown();
            Resource read = first.get(10, TimeUnit.SECONDS).orElseThrow();
            for (Future<Optional<Resource>> w : waiting) {
                assertSame(read, w.get(10, TimeUnit.SECONDS).orElseThrow());
            }
            assertEquals(1, reads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedReadIsNotKeptTheCheckThatMadeItSeesItsFaultAndTheNextReadsAgain() throws Exception {
        SharedReads shared = SharedReads.forOneTrigger();
        AtomicInteger reads = new AtomicInteger();
        OciCallException fault = OciCallException.malformedResponse("GetDatabase " + CDB, "no body");
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Resource>> failing = pool.submit(() -> shared.resource(CDB, () -> {
                reads.incrementAndGet();
                inFlight.countDown();
                await(release);
                throw fault;
            }));
            assertTrue(inFlight.await(10, TimeUnit.SECONDS));
            Future<Optional<Resource>> waiting = pool.submit(() -> shared.resource(CDB, counting(reads, CDB)));
            release.countDown();
            java.util.concurrent.ExecutionException seen = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> failing.get(10, TimeUnit.SECONDS));
            assertSame(fault, seen.getCause());
            assertEquals(CDB, waiting.get(10, TimeUnit.SECONDS).orElseThrow().id(), "it read for itself");
        } finally {
            pool.shutdownNow();
        }
        // whether the waiting check joined the failed read or came after it is up to the scheduler, and its own
        // read may then be kept: that the failure itself is not kept is checked where nothing else reads
        SharedReads alone = SharedReads.forOneTrigger();
        assertThrows(OciCallException.class, () -> alone.resource(CDB, () -> {
            throw fault;
        }));
        int before = reads.get();
        assertEquals(CDB, alone.resource(CDB, counting(reads, CDB)).orElseThrow().id());
        assertEquals(before + 1, reads.get(), "the failure was not kept");
    }

    @Test
    void itHoldsABoundedNumberOfResourcesTheLeastRecentlyAskedGoFirst() {
        SharedReads shared = SharedReads.forOneTrigger();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i <= SharedReads.CAPACITY; i++) {
            shared.resource(CDB + i, counting(reads, CDB + i));
            shared.resource(CDB + 0, counting(reads, CDB + 0)); // asked again: the most recent
        }
        assertEquals(SharedReads.CAPACITY + 1, reads.get());
        shared.resource(CDB + 0, counting(reads, CDB + 0));
        assertEquals(SharedReads.CAPACITY + 1, reads.get(), "still held");
        shared.resource(CDB + 1, counting(reads, CDB + 1));
        assertEquals(SharedReads.CAPACITY + 2, reads.get(), "the least recent was let go, and is read again");
    }

    @Test
    void noneSharesNothing() {
        SharedReads none = SharedReads.none();
        AtomicInteger reads = new AtomicInteger();
        none.resource(CDB, counting(reads, CDB));
        none.resource(CDB, counting(reads, CDB));
        assertEquals(2, reads.get());
    }

    @Test
    void eachTriggerHasItsOwn() {
        AtomicInteger reads = new AtomicInteger();
        SharedReads.forOneTrigger().resource(CDB, counting(reads, CDB));
        SharedReads.forOneTrigger().resource(CDB, counting(reads, CDB));
        assertEquals(2, reads.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
