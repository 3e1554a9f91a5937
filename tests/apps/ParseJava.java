import com.sun.source.util.JavacTask;

import java.io.File;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Parses Java sources with javac's own parser, without resolving a single
 * name: the Android example, whose SDKs are not here, must at least be Java
 * (closed strings, balanced braces). Exit 1 with javac's messages if not.
 * Usage: java ParseJava.java FILE...
 */
public final class ParseJava {
    public static void main(String[] args) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Iterable<? extends JavaFileObject> units =
                    files.getJavaFileObjectsFromFiles(List.of(args).stream().map(File::new).toList());
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, List.of("-proc:none"), null, units);
            int parsed = 0;
            for (var unit : task.parse()) {
                parsed++;
            }
            int errors = 0;
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                System.err.println(d);
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors++;
                }
            }
            System.out.println(parsed + " files parsed, " + errors + " errors");
            System.exit(errors == 0 && parsed == args.length && parsed > 0 ? 0 : 1);
        }
    }
}
