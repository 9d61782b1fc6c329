package org.clusterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.value.ObservableValue;

/**
 * Deterministic waits for view-model tests: a latch released by the property's own change
 * event, never a sleep-and-poll loop. The view models clear their "busy" flag last, so the
 * outcome is in place when the wait returns.
 */
public final class Awaits {
    private Awaits() {
    }

    /** Returns once {@code busy} is false (at once when it already is); fails after {@code seconds}. */
    public static void untilFalse(ObservableValue<Boolean> busy, long seconds, String what) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        busy.addListener((o, was, now) -> {
            if (!now) {
                done.countDown();
            }
        });
        if (busy.getValue()) {
            assertThat(done.await(seconds, TimeUnit.SECONDS)).as(what).isTrue();
        }
    }
}
