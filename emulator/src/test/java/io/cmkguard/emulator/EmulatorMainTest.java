package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

class EmulatorMainTest {

    @Test
    void withoutAPublicKeyItWritesAnOciConfigTheSdkCanUse(@TempDir Path dir) throws Exception {
        Path worldFile = dir.resolve("world.json");
        Files.writeString(worldFile, TestWorld.JSON);
        Path dumpFile = dir.resolve("dump.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        EmulatorMain.Launched launched = EmulatorMain.launch(EmulatorArguments.parse(
                "--world", worldFile.toString(), "--dump-on-exit", dumpFile.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(launched.emulator().baseUrl(), lines[0]);
        assertEquals("OCI_CONFIG_FILE=" + launched.configFile().toAbsolutePath(), lines[1]);
        String config = Files.readString(launched.configFile());
        assertTrue(config.startsWith("[DEFAULT]\n") && config.contains("region=us-ashburn-1")
                && config.contains("key_file="), config);

        var auth = new ConfigFileAuthenticationDetailsProvider(launched.configFile().toString(), "DEFAULT");
        try (BlockstorageClient client = BlockstorageClient.builder().configuration(Sdk.noRetry())
                .endpoint(lines[0]).build(auth)) {
            assertEquals(KEY, client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build())
                    .getVolume().getKmsKeyId());
        } finally {
            launched.stop();
        }
        JsonNode dump = Json.parse(Files.readString(dumpFile));
        assertEquals(200, dump.get("requests").get(0).get("status").asInt());
        assertFalse(Files.exists(launched.configFile()), "the throwaway key is deleted on exit");
    }

    @Test
    void givenPublicKeysAreTrustedAndNoConfigIsWritten(@TempDir Path dir) throws Exception {
        SigningKeys keys = SigningKeys.generate();
        Path publicPem = Files.writeString(dir.resolve("public.pem"), keys.publicKeyPem());
        Path privatePem = keys.writePrivateKeyPem(dir);
        Path worldFile = Files.writeString(dir.resolve("world.json"), TestWorld.JSON);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        EmulatorMain.Launched launched = EmulatorMain.launch(EmulatorArguments.parse("--world", worldFile.toString(),
                "--public-key", publicPem.toString(), "--public-key", privatePem.toString()), new PrintStream(out));
        try (BlockstorageClient client = Sdk.blockstorage(launched.emulator(), Sdk.auth(keys))) {
            assertNull(launched.configFile());
            assertEquals(1, out.toString().trim().split("\n").length, "only the base URL is printed");
            assertEquals(VOLUME_CMK, client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build())
                    .getVolume().getId());
        } finally {
            launched.stop();
        }
    }

    @Test
    void keysReadBackFromPem() {
        SigningKeys keys = SigningKeys.generate();
        assertEquals(keys.publicKey(), SigningKeys.parsePublicKey(keys.publicKeyPem()));
        assertEquals(keys.publicKey(), SigningKeys.parsePublicKey(keys.privateKeyPem()));
        assertTrue(keys.fingerprint().matches("([0-9a-f]{2}:){15}[0-9a-f]{2}"), keys.fingerprint());
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.parsePublicKey("not a pem"));
    }

    @Test
    void badCommandLinesAreExplained() {
        assertEquals("unknown option --wrold", assertThrows(IllegalArgumentException.class,
                () -> EmulatorArguments.parse("--wrold", "x")).getMessage());
        assertEquals("--port must be 0..65535, not abc", assertThrows(IllegalArgumentException.class,
                () -> EmulatorArguments.parse("--port", "abc")).getMessage());
        assertEquals("--world needs a value", assertThrows(IllegalArgumentException.class,
                () -> EmulatorArguments.parse("--world")).getMessage());
        EmulatorArguments arguments = EmulatorArguments.parse("--port", "8123", "--public-key", "a.pem");
        assertEquals(8123, arguments.port());
        assertNull(arguments.world());
        EmulatorArguments slow = EmulatorArguments.parse("--latency-ms", "20", "--throttle", "200");
        assertEquals(20, slow.latencyMs());
        assertEquals(200, slow.throttle());
        assertEquals("--throttle must be a whole number of 0 or more, not -1",
                assertThrows(IllegalArgumentException.class, () -> EmulatorArguments.parse("--throttle", "-1"))
                        .getMessage());
    }

    @Test
    void aHostedFunctionNeedsItsRuntimeAndAWholeLayoutAndFailsBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmulatorArguments.parse("--function", "fn"))
                .getMessage().contains("--fn-runtime"));
        assertEquals("--fn-runtime, --function-config and --function-log go with --function",
                assertThrows(IllegalArgumentException.class, () -> EmulatorArguments.parse("--function-log", "f.log"))
                        .getMessage());
        EmulatorArguments.HostedFunction hosted = EmulatorArguments.parse("--function", "layout", "--fn-runtime", "rt",
                "--function-config", "fn.config").function();
        assertEquals(Path.of("layout"), hosted.layout());
        assertEquals(Path.of("rt"), hosted.runtime());
        assertEquals(Path.of("fn.config"), hosted.config());
        assertNull(hosted.log());

        Path layout = Files.createDirectories(dir.resolve("layout/app"));
        Files.writeString(dir.resolve("layout/jvm.args"), "-XX:+UseSerialGC\n");
        Files.writeString(dir.resolve("layout/java"), "/usr/bin/java\n");
        Files.createDirectories(dir.resolve("runtime/lib"));
        IllegalArgumentException noEntry = assertThrows(IllegalArgumentException.class, () -> EmulatorMain.launch(
                EmulatorArguments.parse("--function", layout.getParent().toString(), "--fn-runtime",
                        dir.resolve("runtime").toString()), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(noEntry.getMessage().contains("lacks entry") && noEntry.getMessage().contains("layout.sh train"),
                noEntry.getMessage());
    }

    @Test
    void aFunctionConfigurationIsKeyValueLines(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("fn.config"), """
                # the function's configuration
                CMK_GUARD_OCI_ENDPOINT=@EMULATOR_URL@

                CMK_GUARD_MODE=notify=later
                """);
        assertEquals(java.util.Map.of("CMK_GUARD_OCI_ENDPOINT", "@EMULATOR_URL@", "CMK_GUARD_MODE", "notify=later"),
                EmulatorMain.readConfig(config));
        Files.writeString(config, "CMK_GUARD_MODE\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmulatorMain.readConfig(config)).getMessage()
                .contains("line 1 is not KEY=VALUE"));
    }
}
