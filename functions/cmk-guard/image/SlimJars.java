import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Copies jars into a directory without their signatures and with only the main manifest section.
 * AppCDS skips classes from signed jars, and the OCI SDK's per-entry digests (about 650 KB of
 * manifest in core and database) are parsed at every start. Run as a single-file program:
 * {@code java SlimJars.java OUT_DIR JAR...}.
 */
public final class SlimJars {
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]*)",
            Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java SlimJars.java OUT_DIR JAR...");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            slim(jar, out.resolve(jar.getFileName()));
        }
    }

    static void slim(Path in, Path out) throws IOException {
        try (JarFile source = new JarFile(in.toFile(), false)) {
            Manifest manifest = new Manifest();
            if (source.getManifest() != null) {
                manifest.getMainAttributes().putAll(source.getManifest().getMainAttributes());
            } else {
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            }
            try (OutputStream file = Files.newOutputStream(out); JarOutputStream target = new JarOutputStream(file, manifest)) {
                for (var entries = source.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || SIGNATURE.matcher(name).matches()) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(name);
                    copy.setTime(entry.getTime());
                    target.putNextEntry(copy);
                    try (InputStream content = source.getInputStream(entry)) {
                        content.transferTo(target);
                    }
                    target.closeEntry();
                }
            }
        }
    }
}
