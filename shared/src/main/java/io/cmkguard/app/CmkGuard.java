package io.cmkguard.app;

import io.cmkguard.guard.ResultJson;
import io.cmkguard.guard.Guard;
import io.cmkguard.guard.KeyUsers;
import io.cmkguard.guard.DecisionLog;
import io.cmkguard.guard.Failures;
import io.cmkguard.guard.keywatch.KeyWatch;
import io.cmkguard.guard.keywatch.KeyWatchSettings;
import io.cmkguard.guard.sweep.BadSweepException;
import io.cmkguard.guard.sweep.SweepRequest;
import io.cmkguard.guard.sweep.SweepReportJson;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.guard.sweep.SweepProgress;
import io.cmkguard.guard.sweep.Sweep;
import io.cmkguard.guard.sweep.SweepChain;
import io.cmkguard.guard.sweep.SweepEvidence;
import io.cmkguard.guard.sweep.ContinuationClaims;
import io.cmkguard.guard.sweep.SpentContinuations;
import io.cmkguard.oci.FunctionInvoker;
import io.cmkguard.oci.ObjectStore;
import io.cmkguard.guard.sweep.SweepSettings;
import io.cmkguard.guard.event.EventCheck;
import io.cmkguard.result.GuardResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.oci.AuthMode;
import io.cmkguard.util.ConfigException;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.RegionCheck;
import io.cmkguard.event.BadEventException;
import io.cmkguard.event.EventEnvelope;
import io.cmkguard.event.EventParser;
import io.cmkguard.event.OciEvent;
import io.cmkguard.notify.LogOnlyNotifier;
import io.cmkguard.notify.Notifier;
import io.cmkguard.notify.OnsNotifier;
import io.cmkguard.oci.Auth;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.NativeSigning;
import io.cmkguard.oci.OciClients;
import io.cmkguard.metrics.MetricsPoster;
import io.cmkguard.metrics.PostureMetrics;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidates;
import io.cmkguard.resource.KeyEvents;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.rules.SweepRulesCheck;

import java.io.PrintStream;
import io.cmkguard.util.Deadline;

import java.time.Clock;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The composition root: builds everything once from the function's configuration and answers
 * invocation bodies with result JSON. Neither starting nor answering ever throws: a bad configuration
 * makes every invocation answer an ERROR naming all the problems, and an unexpected exception in the
 * pipeline ends as an ERROR result with a code and a log line.
 */
public final class CmkGuard implements AutoCloseable {
    private final Optional<EventCheck> events;
    private final Optional<KeyWatch> keyWatch;
    private final Optional<SweepChain> sweep;
    private final Optional<OciClients> clients;
    private final Optional<ConfigException> startupError;
    private final DecisionLog log;
    private final PostureMetrics metrics;
    private final Clock clock;
    /** Set by the first event: from the second on, the instance is warm and request signing moves to native code. */
    private final AtomicBoolean answeredOnce = new AtomicBoolean();

    private CmkGuard(Optional<EventCheck> events, Optional<KeyWatch> keyWatch, Optional<SweepChain> sweep,
                     Optional<OciClients> clients, Optional<ConfigException> startupError, DecisionLog log,
                     PostureMetrics metrics, Clock clock) {
        this.events = events;
        this.keyWatch = keyWatch;
        this.sweep = sweep;
        this.clients = clients;
        this.startupError = startupError;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @param env the function configuration (in Fn: RuntimeContext.getConfiguration()) */
    public static CmkGuard start(Map<String, String> env, PrintStream logOut, Clock clock) {
        DecisionLog log = new DecisionLog(logOut, clock);
        try {
            List<String> problems = new ArrayList<>();
            Optional<GuardConfig> config = collect(problems, () -> GuardConfig.fromEnv(env, ResourceTypes.checkedNames()));
            Optional<AuthMode> authMode = config.map(GuardConfig::auth).or(() -> GuardConfig.authModeOf(env));
            Optional<Auth.Signer> signer = authMode.flatMap(mode -> collect(problems, () -> Auth.from(mode, env)));
            Optional<String> region = config.flatMap(GuardConfig::region).or(() -> signer.flatMap(Auth.Signer::region));
            if (config.isPresent() && (signer.isPresent() || config.get().region().isPresent())) {
                problems.addAll(RegionCheck.problems(config.get(), region));
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return started(config.get(), signer.get(), region,
                    Optional.ofNullable(env.get(SweepRulesCheck.FUNCTION_ID_KEY)), logOut, log, clock);
        } catch (ConfigException e) {
            log.event("config-error", e.getMessage());
            return new CmkGuard(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(e), log,
                    PostureMetrics.OFF, clock);
        } catch (RuntimeException | LinkageError e) {
            // not the exception's text: start-up exceptions may quote configuration values
            ConfigException failed = new ConfigException(List.of("the function could not start: unexpected "
                    + e.getClass().getSimpleName() + Failures.where(e)));
            log.event("config-error", failed.getMessage());
            return new CmkGuard(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(failed), log,
                    PostureMetrics.OFF, clock);
        }
    }

    private static CmkGuard started(GuardConfig config, Auth.Signer signer, Optional<String> region,
                                    Optional<String> functionId, PrintStream logOut, DecisionLog log, Clock clock) {
        OciClients clients = new OciClients(signer.provider(), region, config.endpoint(),
                config.retryAttempts(), config.timeout());
        Notifier notifier = config.topicId().<Notifier>map(topic -> new OnsNotifier(clients, topic))
                .orElseGet(() -> new LogOnlyNotifier(logOut, clock));
        KeyDirectory keys = new KeyDirectory(clients, config.keyCacheTtl(), clock);
        Guard guard = new Guard(config, clients, keys, notifier, log, clock);
        Candidates candidates = new Candidates(clients);
        Optional<SweepEvidence> evidence = config.chain().reportBucket()
                .map(bucket -> new SweepEvidence(new ObjectStore(clients, bucket)));
        FunctionInvoker invoker = new FunctionInvoker(clients);
        boolean sharedKey = config.continuationSecret().current().isPresent();
        Optional<SweepChain.NextInvocation> next = functionId.filter(id -> config.chain().selfContinue())
                .map(id -> sharedKey ? body -> invoker.invokeDetached(id, body) : body -> {
                    // another instance may run the next invocation: it must verify this one's token
                    throw new SweepChain.Unavailable("set " + GuardConfig.CONTINUATION_KEY + " (e.g. openssl rand"
                            + " -base64 32) so that every instance can continue it, or "
                            + GuardConfig.SWEEP_SELF_CONTINUE + "=false");
                });
        Sweep sweep = new Sweep(guard, candidates, new SweepRulesCheck(clients, functionId), log,
                new SweepSettings(config.modes(), config.remediation(), config.sweep(), config.continuationSecret()),
                evidence.<ContinuationClaims>map(e -> e).orElseGet(SpentContinuations::new), next.isPresent(), clock);
        PostureMetrics metrics = config.metricsCompartmentId().map(compartment -> PostureMetrics.postingTo(
                new MetricsPoster(clients::monitoring, compartment, clock, log::event), log::event))
                .orElse(PostureMetrics.OFF);
        SweepChain chain = new SweepChain(sweep, notifier, new SweepChain.Links(next, evidence,
                config.chain().maxInvocations(), config.consoleUrl(), region.orElse(""),
                (whole, callDeadline) -> metrics.sweepCompleted(whole, callDeadline.map(d ->
                        Deadline.forInvocation(d, clock)).orElseGet(() -> Deadline.none(clock)))), log);
        KeyWatch keyWatch = new KeyWatch(new KeyWatchSettings(config.mode(), config.dedupWindow(), config.sweep(),
                config.watch()), clients, keys, new KeyUsers(clients, candidates, clock), notifier,
                clock);
        return new CmkGuard(Optional.of(new EventCheck(guard, config, clients, log, clock)), Optional.of(keyWatch),
                Optional.of(chain), Optional.of(clients), Optional.empty(), log, metrics, clock);
    }

    /** Runs one start-up step; its configuration problems join the others instead of hiding them. */
    private static <T> Optional<T> collect(List<String> problems, Supplier<T> step) {
        try {
            return Optional.of(step.get());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    /** Answers one invocation body: an OCI event with the result JSON, a {"sweep": …} body with the sweep report. */
    public String handle(String body) {
        return handle(body, Optional.empty());
    }

    /**
     * As {@link #handle(String)} within an invocation that must answer by {@code invocationDeadline}
     * (the FDK's deadline of the call): an event stops starting checks in time to answer. The body is
     * parsed once, strictly, then answered as exactly one of an event or a sweep.
     */
    public String handle(String body, Optional<Instant> invocationDeadline) {
        return answer(body, invocationDeadline).text();
    }

    /** As {@link #handle(String, Optional)}, the answer written when the caller asks for it (the FDK's output). */
    public Answer answer(String body, Optional<Instant> invocationDeadline) {
        InvocationBody parsed = InvocationBody.read(body);
        if (parsed instanceof InvocationBody.Sweep asked) {
            // the answer shows findings only: a compliant resource is let go once counted (unless a report keeps it)
            return new Answer.Sweep(sweep(asked.sweep(), SweepProgress.NONE, invocationDeadline, Sweep.Kept.FINDINGS));
        }
        if (parsed instanceof InvocationBody.Refused refused && refused.sweepShaped()) {
            return new Answer.Sweep(refusedSweep(new BadSweepException(refused.why().code(),
                    refused.why().getMessage()), ""));
        }
        if (parsed instanceof InvocationBody.Refused refused) {
            return new Answer.Event(eventResult(() -> {
                throw refused.why();
            }, invocationDeadline));
        }
        JsonNode root = ((InvocationBody.Event) parsed).root();
        return new Answer.Event(eventResult(() -> EventParser.envelope(root), invocationDeadline));
    }

    /** Runs the sweep a body's "sweep" object asks for; a bad body, config or fault answers a report with its error. */
    public SweepReport sweep(JsonNode sweepField, SweepProgress progress) {
        return sweep(sweepField, progress, Optional.empty());
    }

    /** As {@link #sweep(JsonNode, SweepProgress)}, stopping in time to answer by the call's deadline too. */
    public SweepReport sweep(JsonNode sweepField, SweepProgress progress, Optional<Instant> invocationDeadline) {
        return sweep(sweepField, progress, invocationDeadline, Sweep.Kept.EVERY_RESOURCE);
    }

    private SweepReport sweep(JsonNode sweepField, SweepProgress progress, Optional<Instant> invocationDeadline,
                              Sweep.Kept keep) {
        if (startupError.isPresent()) {
            return SweepReport.failed("", "", "", new GuardResult.Fault("InvalidConfiguration",
                    startupError.get().getMessage()), Optional.empty(), 0);
        }
        try {
            NativeSigning.start(log::event); // a sweep signs thousands of requests
            // the chain posts the gauges of every sweep that ends, from its whole report
            return sweep.orElseThrow().run(SweepRequest.parse(sweepField), progress,
                    invocationDeadline.map(d -> Deadline.forInvocation(d, clock).at()), keep);
        } catch (BadSweepException e) {
            return refusedSweep(e, sweepField.path("compartmentId").asText(""));
        } catch (RuntimeException | LinkageError e) {
            GuardResult.Fault fault = Failures.unexpected(e, Optional.empty()).error().orElseThrow();
            log.event("sweep-failed", fault.code() + ": " + fault.message());
            return SweepReport.failed("", SweepRequest.echoedCompartment(sweepField.path("compartmentId").asText("")),
                    "", fault, Optional.empty(), 0);
        }
    }

    /** A sweep body refused before anything was called: its report names the code; nothing was judged. */
    private SweepReport refusedSweep(BadSweepException e, String askedCompartment) {
        if (startupError.isPresent()) {
            return SweepReport.failed("", "", "", new GuardResult.Fault("InvalidConfiguration",
                    startupError.get().getMessage()), Optional.empty(), 0);
        }
        log.event("sweep-rejected", e.code() + ": " + e.getMessage());
        return SweepReport.failed("", SweepRequest.echoedCompartment(askedCompartment), "",
                new GuardResult.Fault(e.code(), e.getMessage()), Optional.empty(), 0);
    }

    public GuardResult handleToResult(String body) {
        return handleToResult(body, Optional.empty());
    }

    public GuardResult handleToResult(String body, Optional<Instant> invocationDeadline) {
        return eventResult(() -> EventParser.envelope(body), invocationDeadline);
    }

    /**
     * Answers an event whose envelope the supplier reads (or refuses with a BadEventException), and counts its
     * decisions in Monitoring before the answer goes (a function may be frozen once it has answered).
     */
    private GuardResult eventResult(Supplier<EventEnvelope> read, Optional<Instant> invocationDeadline) {
        GuardResult result = judgedEvent(read, invocationDeadline);
        metrics.decisions(List.of(result), deadline(invocationDeadline));
        return result;
    }

    private Deadline deadline(Optional<Instant> invocationDeadline) {
        return invocationDeadline.map(d -> Deadline.forInvocation(d, clock)).orElseGet(() -> Deadline.none(clock));
    }

    private GuardResult judgedEvent(Supplier<EventEnvelope> read, Optional<Instant> invocationDeadline) {
        if (startupError.isPresent()) {
            return GuardResult.rejected("", "", "", Status.ERROR, "the function configuration is invalid,"
                            + " so nothing was checked: " + String.join("; ", startupError.get().problems()),
                    Optional.of(new GuardResult.Fault("InvalidConfiguration", startupError.get().getMessage())));
        }
        if (answeredOnce.getAndSet(true)) {
            NativeSigning.start(log::event); // never before the first answer of a single event
        }
        Optional<EventEnvelope> envelope = Optional.empty();
        try {
            envelope = Optional.of(read.get());
            if (KeyEvents.change(envelope.get().eventType()).isPresent()) {
                // a Vault key event: who is affected, never a remediation; its search signs ~60-120 requests
                NativeSigning.start(log::event);
                GuardResult result = keyWatch.orElseThrow().handle(EventParser.event(envelope.get()));
                result.items().forEach(log::record);
                return logged(result);
            }
            Optional<ResourceType> type = ResourceTypes.forEventType(envelope.get().eventType());
            if (type.isEmpty()) {
                return logged(ignored(envelope.get()));
            }
            OciEvent event = EventParser.event(envelope.get(),
                    type.get().subject(envelope.get().eventType()).resourceIdRule());
            if (type.get().listsByCompartment(event.eventType()) && event.compartmentId().isBlank()) {
                throw new BadEventException("MissingCompartmentId", "event " + event.eventType() + " names "
                        + type.get().subject(event.eventType()).expected() + " whose " + type.get().noun() + "s are listed"
                        + " in the event's compartment, but it has no compartmentId (data or extensions)",
                        event.eventType(), event.eventId());
            }
            return events.orElseThrow().handle(event, deadline(invocationDeadline));
        } catch (BadEventException e) {
            return logged(GuardResult.rejected(e.eventId(), e.eventType(), "", Status.ERROR, e.getMessage(),
                    Optional.of(new GuardResult.Fault(e.code(), e.getMessage()))));
        } catch (RuntimeException | LinkageError e) {
            return logged(Failures.unexpected(e, envelope));
        }
    }

    /** An event type cmk-guard does not handle: answered without a look at its data, and without a call. */
    private static GuardResult ignored(EventEnvelope envelope) {
        return GuardResult.rejected(envelope.eventId(), envelope.eventType(), envelope.resourceIdAsSent(),
                Status.IGNORED, "cmk-guard does not handle event type " + envelope.eventType()
                        + ": check the Events rule condition (events/rules/)", Optional.empty());
    }

    private GuardResult logged(GuardResult result) {
        log.record(result);
        return result;
    }

    /**
     * The posture metrics (off unless CMK_GUARD_METRICS_COMPARTMENT is set): where a sweep continued over several
     * invocations posts its gauges once its whole report is put together.
     */
    public PostureMetrics metrics() {
        return metrics;
    }

    public List<String> configProblems() {
        return startupError.map(ConfigException::problems).orElse(List.of());
    }

    @Override
    public void close() {
        metrics.close();
        clients.ifPresent(OciClients::close);
    }
}
