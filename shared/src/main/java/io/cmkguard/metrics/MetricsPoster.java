package io.cmkguard.metrics;

import com.oracle.bmc.monitoring.MonitoringClient;
import com.oracle.bmc.monitoring.model.Datapoint;
import com.oracle.bmc.monitoring.model.FailedMetricRecord;
import com.oracle.bmc.monitoring.model.MetricDataDetails;
import com.oracle.bmc.monitoring.model.PostMetricDataDetails;
import com.oracle.bmc.monitoring.model.PostMetricDataResponseDetails;
import com.oracle.bmc.monitoring.requests.PostMetricDataRequest;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.util.Deadline;
import io.cmkguard.util.Echo;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Posts metric points to OCI Monitoring (PostMetricData on the telemetry-ingestion endpoint) in calls within the
 * service's limits ({@link MetricBatches}), and never fails its caller: whatever goes wrong (Monitoring down or
 * throttling, a call refused, metrics it answers as failed) is one log line per post, with the code, and the
 * caller goes on. Posts run on one daemon thread and the caller waits no later than its deadline, so an
 * answer is never held past it: a post still running then finishes on its own.
 */
public final class MetricsPoster implements AutoCloseable {
    /** The log line of a post that did not fully land. */
    public static final String FAILED = "metrics-failed";
    /** The log line of a post still running when the caller had to answer. */
    public static final String LATE = "metrics-late";

    private final Supplier<MonitoringClient> client;
    private final String compartmentId;
    private final Clock clock;
    private final BiConsumer<String, String> log;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "cmk-guard-metrics");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param client        the Monitoring client, built on first use (OciClients#monitoring)
     * @param compartmentId the compartment the metrics are posted to
     * @param log           a line about the function itself: kind and message (DecisionLog#event)
     */
    public MetricsPoster(Supplier<MonitoringClient> client, String compartmentId, Clock clock,
                         BiConsumer<String, String> log) {
        this.client = client;
        this.compartmentId = compartmentId;
        this.clock = clock;
        this.log = log;
    }

    /**
     * What became of a post: how many metric streams it carried and how many Monitoring took.
     *
     * @param failure the first failure's code and message, when not every stream was taken
     */
    public record Outcome(int streams, int posted, Optional<String> failure) {
    }

    /**
     * Posts the points, waiting for the outcome no later than the deadline.
     *
     * @param what names the post in the log, e.g. "sweep sweep-5f0c…"
     * @return the outcome, or empty when there was nothing to post or the deadline came first
     */
    public Optional<Outcome> post(String what, List<MetricPoint> points, Deadline deadline) {
        List<List<MetricPoint>> batches = MetricBatches.of(points);
        if (batches.isEmpty()) {
            return Optional.empty();
        }
        int streams = batches.stream().mapToInt(List::size).sum();
        Future<Outcome> running;
        try {
            running = thread.submit(() -> send(what, batches, streams));
        } catch (RejectedExecutionException e) { // closed: the function is shutting down
            return Optional.empty();
        }
        try {
            return Optional.of(running.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            log.accept(LATE, what + ": posting " + streams + " metric streams to Monitoring had not ended when the"
                    + " invocation had to answer; it goes on by itself");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) { // send catches everything: only an Error gets here
            return Optional.empty();
        }
    }

    /** The calls, one batch after another; after a call fails outright the rest are not sent (Monitoring is down). */
    private Outcome send(String what, List<List<MetricPoint>> batches, int streams) {
        Date now = Date.from(clock.instant());
        int posted = 0;
        Optional<String> failure = Optional.empty();
        boolean down = false;
        for (List<MetricPoint> batch : batches) {
            if (down) {
                break;
            }
            try {
                PostMetricDataResponseDetails answer = OciCalls.call("PostMetricData", () -> client.get()
                        .postMetricData(PostMetricDataRequest.builder().postMetricDataDetails(details(batch, now))
                                .build())).getPostMetricDataResponseDetails();
                int refused = answer == null || answer.getFailedMetricsCount() == null ? 0
                        : Math.min(batch.size(), Math.max(0, answer.getFailedMetricsCount()));
                posted += batch.size() - refused;
                if (refused > 0 && failure.isEmpty()) {
                    failure = Optional.of("FailedMetrics: " + refused + " refused, e.g. " + firstRefusal(answer));
                }
            } catch (OciCallException e) {
                failure = failure.or(() -> Optional.of(e.code() + ": " + e.getMessage()));
                down = true;
            } catch (RuntimeException e) { // e.g. no region to call: still never the caller's failure
                failure = failure.or(() -> Optional.of("InternalError: " + e.getClass().getSimpleName()));
                down = true;
            }
        }
        if (posted < streams) {
            log.accept(FAILED, what + ": " + (streams - posted) + " of " + streams + " metric streams were not posted"
                    + " to Monitoring (" + failure.orElse("unknown") + "); the decisions and reports stand");
        }
        return new Outcome(streams, posted, failure);
    }

    private static String firstRefusal(PostMetricDataResponseDetails answer) {
        List<FailedMetricRecord> failed = answer.getFailedMetrics();
        if (failed == null || failed.isEmpty()) {
            return "no reason given";
        }
        FailedMetricRecord first = failed.get(0);
        String metric = first.getMetricData() == null ? "" : first.getMetricData().getName() + ": ";
        return Echo.bounded(metric + first.getMessage(), 300);
    }

    private PostMetricDataDetails details(List<MetricPoint> batch, Date now) {
        return PostMetricDataDetails.builder().metricData(batch.stream().map(p -> MetricDataDetails.builder()
                .namespace(MonitoringRules.NAMESPACE)
                .compartmentId(compartmentId)
                .name(p.name())
                .dimensions(p.dimensions())
                .datapoints(List.of(Datapoint.builder().timestamp(now).value(p.value()).build()))
                .build()).toList()).build();
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
