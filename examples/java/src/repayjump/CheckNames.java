package repayjump;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The library's names of codes, severities and input kinds, read once on first use, so that the
 * binding keeps no copy of the table.
 */
final class CheckNames {
  private static final String UNKNOWN = "unknown";

  final String[] codes;
  final String[] severityOfCode;
  final String[] severities;
  final String[] kinds;

  private CheckNames() {
    severities = named(CheckLib::repayjump_severity_name);
    kinds = named(CheckLib::repayjump_input_kind_name);
    codes = new String[CheckLib.repayjump_check_code_count()];
    severityOfCode = new String[codes.length];
    for (int code = 0; code < codes.length; code++) {
      codes[code] = CheckLib.repayjump_check_code_name(code);
      severityOfCode[code] = name(severities, CheckLib.repayjump_check_code_severity(code));
    }
  }

  /** The names from 0 up to the first the library calls "unknown". */
  private static String[] named(IntFunction<String> lookup) {
    List<String> names = new ArrayList<>();
    for (String name = lookup.apply(0); !UNKNOWN.equals(name); name = lookup.apply(names.size())) {
      names.add(name);
    }
    return names.toArray(new String[0]);
  }

  /** names[i], or the library's "unknown" for a number it does not know. */
  static String name(String[] names, int i) {
    return i >= 0 && i < names.length ? names[i] : UNKNOWN;
  }

  private static final class Holder {
    static final CheckNames NAMES = new CheckNames();
  }

  /** The names, loading the library first. */
  static CheckNames get() {
    CheckLib.ensureLoaded();
    return Holder.NAMES;
  }
}
