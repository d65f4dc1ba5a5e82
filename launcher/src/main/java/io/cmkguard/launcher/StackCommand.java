package io.cmkguard.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code cmk-guard stack --output FILE.zip}: the Resource Manager stack zip (see {@link StackZip}). */
final class StackCommand {
    private StackCommand() {
    }

    static Path parse(List<String> args) {
        ArgReader reader = new ArgReader(args);
        Path output = null;
        while (reader.hasNext()) {
            String arg = reader.next();
            switch (arg) {
                case "--output" -> output = Path.of(reader.valueOf(arg));
                case "--verbose" -> { } // the SDK's warnings: see SdkLogging
                default -> throw ArgReader.unexpected(arg);
            }
        }
        if (output == null) {
            throw new UsageException("--output FILE.zip is needed");
        }
        if (!output.getFileName().toString().endsWith(".zip")) {
            throw new UsageException("--output must name a .zip file, not '" + output + "'");
        }
        return ArgReader.fileToWrite("--output", output.toString());
    }

    static int run(Path output, PrintStream out) {
        Map<String, Path> entries = StackZip.write(Repository.root(), output);
        out.println("Wrote " + output + " (" + entries.size() + " files: " + String.join(", ", entries.keySet())
                + "). Upload it in Resource Manager: Create stack, My configuration, .Zip file.");
        return Main.OK;
    }
}
