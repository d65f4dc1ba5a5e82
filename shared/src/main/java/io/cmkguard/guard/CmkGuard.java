package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.config.ConfigException;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.event.BadEventException;
import io.cmkguard.event.EventParser;
import io.cmkguard.event.OciEvent;
import io.cmkguard.notify.LogOnlyNotifier;
import io.cmkguard.notify.Notifier;
import io.cmkguard.notify.OnsNotifier;
import io.cmkguard.oci.Auth;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidates;

import java.io.PrintStream;
import io.cmkguard.util.Deadline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: builds everything once from the function's configuration and answers
 * invocation bodies with result JSON. A bad configuration does not crash the function: every
 * invocation answers an ERROR result naming all the problems, and calls nothing.
 */
public final class CmkGuard implements AutoCloseable {
    private final Optional<Guard> guard;
    private final Optional<Sweep> sweep;
    private final Optional<OciClients> clients;
    private final Optional<ConfigException> startupError;
    private final DecisionLog log;
    private final Clock clock;

    private CmkGuard(Optional<Guard> guard, Optional<Sweep> sweep, Optional<OciClients> clients,
                     Optional<ConfigException> startupError, DecisionLog log, Clock clock) {
        this.guard = guard;
        this.sweep = sweep;
        this.clients = clients;
        this.startupError = startupError;
        this.log = log;
        this.clock = clock;
    }

    /** @param env the function configuration (in Fn: RuntimeContext.getConfiguration()) */
    public static CmkGuard start(Map<String, String> env, PrintStream logOut, Clock clock) {
        DecisionLog log = new DecisionLog(logOut, clock);
        try {
            GuardConfig config = GuardConfig.fromEnv(env);
            Auth.Signer signer = Auth.from(config, env);
            Optional<String> region = config.region().or(signer::region);
            OciClients clients = new OciClients(signer.provider(), region, config.endpoint(),
                    config.retryAttempts(), config.timeout());
            Notifier notifier = config.topicId().<Notifier>map(topic -> new OnsNotifier(clients, topic))
                    .orElseGet(() -> new LogOnlyNotifier(logOut, clock));
            KeyDirectory keys = new KeyDirectory(clients, config.keyCacheTtl(), clock);
            Guard guard = new Guard(config, clients, keys, notifier, log, clock);
            Sweep sweep = new Sweep(guard, new Candidates(clients), notifier, log, config, clock);
            return new CmkGuard(Optional.of(guard), Optional.of(sweep), Optional.of(clients), Optional.empty(), log,
                    clock);
        } catch (ConfigException e) {
            log.event("config-error", e.getMessage());
            return new CmkGuard(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(e), log, clock);
        }
    }

    /** Answers one invocation body: an OCI event with the result JSON, a {"sweep": …} body with the sweep report. */
    public String handle(String body) {
        return handle(body, Optional.empty());
    }

    /**
     * As {@link #handle(String)} within an invocation that must answer by {@code invocationDeadline}
     * (the FDK's deadline of the call): an event stops starting checks in time to answer.
     */
    public String handle(String body, Optional<Instant> invocationDeadline) {
        Optional<JsonNode> sweepField = SweepRequest.sweepField(body);
        if (sweepField.isPresent()) {
            return SweepReportJson.write(sweep(sweepField.get(), SweepProgress.NONE));
        }
        return ResultJson.write(handleToResult(body, invocationDeadline));
    }

    /** Runs the sweep a body's "sweep" object asks for; a bad body or config answers a report with its error. */
    public SweepReport sweep(JsonNode sweepField, SweepProgress progress) {
        if (startupError.isPresent()) {
            return SweepReport.failed("", "", "", new GuardResult.Fault("InvalidConfiguration",
                    startupError.get().getMessage()), Optional.empty(), 0);
        }
        try {
            return sweep.orElseThrow().run(SweepRequest.parse(sweepField), progress);
        } catch (BadSweepException e) {
            log.event("sweep-rejected", e.code() + ": " + e.getMessage());
            return SweepReport.failed("", sweepField.path("compartmentId").asText(""), "",
                    new GuardResult.Fault(e.code(), e.getMessage()), Optional.empty(), 0);
        }
    }

    public GuardResult handleToResult(String body) {
        return handleToResult(body, Optional.empty());
    }

    public GuardResult handleToResult(String body, Optional<Instant> invocationDeadline) {
        if (startupError.isPresent()) {
            return GuardResult.rejected("", "", "", Status.ERROR, "the function configuration is invalid,"
                            + " so nothing was checked: " + String.join("; ", startupError.get().problems()),
                    Optional.of(new GuardResult.Fault("InvalidConfiguration", startupError.get().getMessage())));
        }
        OciEvent event;
        try {
            event = EventParser.parse(body);
        } catch (BadEventException e) {
            GuardResult rejected = GuardResult.rejected("", "", "", Status.ERROR, e.getMessage(),
                    Optional.of(new GuardResult.Fault(e.code(), e.getMessage())));
            log.record(rejected);
            return rejected;
        }
        Deadline deadline = invocationDeadline.map(d -> Deadline.forInvocation(d, clock))
                .orElseGet(() -> Deadline.none(clock));
        return guard.orElseThrow().handle(event, deadline);
    }

    public List<String> configProblems() {
        return startupError.map(ConfigException::problems).orElse(List.of());
    }

    @Override
    public void close() {
        guard.ifPresent(Guard::close);
        clients.ifPresent(OciClients::close);
    }
}
