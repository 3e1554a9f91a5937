package repayjump;

import java.util.List;

/**
 * Everything one check found.
 *
 * @param kind what the input was read as: "app_path" or "query" for a text; "navigate",
 *     "app_launch" or "none" (the jump's fields) for a map
 * @param variant the variant checked against; null when none could be inferred
 * @param errors how many findings are errors
 * @param warnings how many are warnings
 * @param notes how many are notes
 * @param findings every finding, in input order (for a map, in its iteration order); unmodifiable
 */
public record CheckResult(
    String kind, Variant variant, int errors, int warnings, int notes, List<Finding> findings) {

  /** Whether nothing is an error (warnings and notes allowed): the command line's exit status 0. */
  public boolean ok() {
    return errors == 0;
  }
}
