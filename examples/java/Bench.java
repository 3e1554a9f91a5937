import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import repayjump.Params;
import repayjump.RepayJump;
import repayjump.Result;

/**
 * The binding's compose (all four outputs, fresh nonce, APIv3 merchant) against the same job in
 * pure Java: Gson for the JSON, URLEncoder for the path, SecureRandom for the nonce. Prints the
 * median ns/op of each (wall clock and thread CPU time) over several timed repeats, after a JIT
 * warm-up, and their ratios.
 *
 * <p>java Bench [ITERATIONS [REPEATS]]
 */
public class Bench {
  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  static final SecureRandom RANDOM = new SecureRandom();
  static volatile Object sink;

  /** The four outputs in pure Java; same job, same bytes as the library for these inputs. */
  static String[] pureCompose(String appid, String mchid, String openid) {
    StringBuilder nonce = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      nonce.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("appid", appid);
    fields.put("mchid", mchid);
    fields.put("nonce_str", nonce.toString());
    fields.put("openid", openid);

    Map<String, Object> navigate = new LinkedHashMap<>();
    navigate.put("appId", "wx5e73c65404eee268");
    navigate.put("path", "pages/invest_list/invest_list");
    navigate.put("extraData", fields);
    navigate.put("envVersion", "release");

    StringJoiner query = new StringJoiner("&", "pages/invest_list/invest_list?", "");
    fields.forEach(
        (k, v) ->
            query.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String appPath = query.toString();

    Map<String, Object> launch = new LinkedHashMap<>();
    launch.put("userName", "gh_5e259b7a73b1");
    launch.put("path", appPath);
    launch.put("miniProgramType", 0);
    return new String[] {GSON.toJson(fields), GSON.toJson(navigate), appPath, GSON.toJson(launch)};
  }

  static final String APPID = "wxcbda96de0b165486";
  static final String MCHID = "1900009231";
  static final String OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE";

  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Wall-clock and thread CPU ns/op of n runs of job. CPU time (user and system) is the steadier
   * figure on a shared machine, where wall time also counts waiting for a core.
   */
  static double[] time(Runnable job, int n) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      job.run();
    }
    long wall = System.nanoTime() - start;
    return new double[] {wall / (double) n, (THREADS.getCurrentThreadCpuTime() - cpu) / (double) n};
  }

  static double median(double[] xs) {
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The pure outputs must parse to what the library's do, nonce aside. */
  static void checkSameJob(Params params) {
    Result lib = RepayJump.compose(params);
    String[] pure = pureCompose(APPID, MCHID, OPENID);
    String nonce = JsonParser.parseString(pure[0]).getAsJsonObject().get("nonce_str").getAsString();
    String[] expected = {
      lib.extraDataJson(), lib.navigateJson(), lib.appPath(), lib.appLaunchJson()
    };
    for (int i = 0; i < 4; i++) {
      String same = expected[i].replace(lib.nonceStr(), nonce);
      boolean equal =
          i == 2
              ? same.equals(pure[i])
              : JsonParser.parseString(same).equals(JsonParser.parseString(pure[i]));
      if (!equal) {
        throw new AssertionError("pure output " + i + " differs: " + pure[i] + " vs " + same);
      }
    }
  }

  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Params params = Params.builder().appid(APPID).mchid(MCHID).openid(OPENID).build();
    checkSameJob(params);

    Runnable binding = () -> sink = RepayJump.compose(params);
    Runnable pure = () -> sink = pureCompose(APPID, MCHID, OPENID);
    // Warm-up: let the JIT compile both paths before timing.
    time(binding, iterations);
    time(pure, iterations);

    double[][] bindingNs = new double[2][repeats];
    double[][] pureNs = new double[2][repeats];
    for (int r = 0; r < repeats; r++) {
      double[] b = time(binding, iterations);
      double[] p = time(pure, iterations);
      for (int clock = 0; clock < 2; clock++) {
        bindingNs[clock][r] = b[clock];
        pureNs[clock][r] = p[clock];
      }
    }
    double[] b = {median(bindingNs[0]), median(bindingNs[1])};
    double[] p = {median(pureNs[0]), median(pureNs[1])};
    System.out.printf(
        "compose, APIv3 merchant, fresh nonce, 4 outputs; %d iterations x %d repeats, median%n",
        iterations, repeats);
    System.out.printf("%-46s %9s %9s%n", "ns/op", "wall", "cpu");
    System.out.printf("%-46s %9.0f %9.0f%n", "binding (JNA direct mapping, C library)", b[0], b[1]);
    System.out.printf(
        "%-46s %9.0f %9.0f%n", "pure Java (Gson, URLEncoder, SecureRandom)", p[0], p[1]);
    System.out.printf("%-46s %9.2f %9.2f%n", "ratio pure/binding", p[0] / b[0], p[1] / b[1]);
  }
}
