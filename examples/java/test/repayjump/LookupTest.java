package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the library is found, each case in a child JVM with its own environment. */
class LookupTest {
  record Run(int exit, String out, String err) {}

  static Run probe(Map<String, String> env) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-Djna.encoding=UTF-8",
            "-cp",
            System.getProperty("java.class.path"),
            LookupProbe.class.getName());
    builder.environment().remove(NativeLib.ENV);
    builder.environment().remove("LD_LIBRARY_PATH");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  static Path builtLibrary() {
    String path = System.getenv(NativeLib.ENV);
    assertTrue(path != null && Files.exists(Paths.get(path)), NativeLib.ENV + " must name the built library");
    return Paths.get(path).toAbsolutePath();
  }

  @Test
  void aMissingFileNamesTheVariable() throws Exception {
    String missing = "/nonexistent/librepayjump.so.1";
    Run run = probe(Map.of(NativeLib.ENV, missing));
    assertEquals(3, run.exit(), run.err());
    assertTrue(
        run.err().startsWith("repayjump: cannot load REPAYJUMP_LIBRARY=" + missing + " ("),
        run.err());
    assertTrue(run.err().contains("cannot open shared object file"), run.err());
    assertTrue(run.err().contains("\nsame\n"), run.err());
  }

  @Test
  void theVariableLoadsThatFile() throws Exception {
    Run run = probe(Map.of(NativeLib.ENV, builtLibrary().toString()));
    assertEquals(0, run.exit(), run.err());
    assertEquals("loaded " + System.getProperty("repayjump.version") + "\n", run.out());
  }

  @Test
  void withoutTheVariableTheSystemLoaderFindsTheSoname(@TempDir Path dir) throws Exception {
    // Only the SONAME, as an installed runtime package ships it (no librepayjump.so).
    Files.createSymbolicLink(dir.resolve("librepayjump.so.1"), builtLibrary());
    Run run = probe(Map.of("LD_LIBRARY_PATH", dir.toString()));
    assertEquals(0, run.exit(), run.err());
    assertEquals("loaded " + System.getProperty("repayjump.version") + "\n", run.out());
  }

  @Test
  void nowhereToBeFoundSaysWhatToDo(@TempDir Path empty) throws Exception {
    Run run = probe(Map.of("LD_LIBRARY_PATH", empty.toString()));
    assertEquals(3, run.exit(), run.err());
    assertTrue(
        run.err().startsWith("repayjump: librepayjump.so.1 not found; set REPAYJUMP_LIBRARY"),
        run.err());
  }
}
