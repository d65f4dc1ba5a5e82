package io.cmkguard.guard;

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

import java.io.PrintStream;
import java.time.Clock;
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
    private final Optional<OciClients> clients;
    private final Optional<ConfigException> startupError;
    private final DecisionLog log;

    private CmkGuard(Optional<Guard> guard, Optional<OciClients> clients, Optional<ConfigException> startupError,
                     DecisionLog log) {
        this.guard = guard;
        this.clients = clients;
        this.startupError = startupError;
        this.log = log;
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
            return new CmkGuard(Optional.of(new Guard(config, clients, keys, notifier, log, clock)),
                    Optional.of(clients), Optional.empty(), log);
        } catch (ConfigException e) {
            log.event("config-error", e.getMessage());
            return new CmkGuard(Optional.empty(), Optional.empty(), Optional.of(e), log);
        }
    }

    /** Answers one invocation body (an OCI event) with the result JSON. */
    public String handle(String body) {
        return ResultJson.write(handleToResult(body));
    }

    public GuardResult handleToResult(String body) {
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
        return guard.orElseThrow().handle(event);
    }

    public List<String> configProblems() {
        return startupError.map(ConfigException::problems).orElse(List.of());
    }

    @Override
    public void close() {
        clients.ifPresent(OciClients::close);
    }
}
