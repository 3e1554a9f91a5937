package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Many threads composing and drawing nonces at once, sharing Params. */
class ConcurrencyTest {
  static final int THREADS = 16;
  static final int ROUNDS = 300;

  @Test
  void composeAndNonceFromManyThreads() throws Exception {
    Variant[] variants = Variant.values();
    Params[] shared = new Params[variants.length];
    for (Variant variant : variants) {
      shared[variant.ordinal()] = Sample.builder(variant, null).build();
    }
    Set<String> nonces = ConcurrentHashMap.newKeySet();
    try {
      together(
          (thread, i) -> {
            Variant variant = variants[(thread + i) % variants.length];
            Result result = RepayJump.compose(shared[variant.ordinal()]);
            ComposeTest.assertOutputs(Sample.expected(variant, result.nonceStr()), result);
            String nonce = RepayJump.nonce(32);
            assertTrue(nonce.matches("[A-Za-z0-9]{32}"), nonce);
            assertTrue(nonces.add(result.nonceStr()), "repeated " + result.nonceStr());
            assertTrue(nonces.add(nonce), "repeated " + nonce);
          });
    } finally {
      for (Params params : shared) {
        params.close();
      }
    }
    assertEquals(2 * THREADS * ROUNDS, nonces.size());
  }

  /** Threads check texts and maps at once; every result equals the one checked alone. */
  @Test
  void checkFromManyThreads() throws Exception {
    List<Supplier<CheckResult>> checks = new ArrayList<>();
    checks.add(() -> RepayJump.check(CheckTest.IOS_PATH));
    checks.add(() -> RepayJump.check(CheckTest.ANDROID_PATH));
    CheckOptions key = CheckTest.withKey(Sample.KEY);
    CheckOptions wrong = CheckTest.withKey(CheckTest.WRONG_KEY);
    for (Variant variant : Variant.values()) {
      Result out;
      try (Params params = Sample.builder(variant, null).build()) {
        out = RepayJump.compose(params);
      }
      Map<String, Object> extraData = Json.parseObject(out.extraDataJson());
      checks.add(() -> RepayJump.check(out.appPath()));
      checks.add(() -> RepayJump.check(out.appPath(), key));
      checks.add(() -> RepayJump.check(out.appPath(), wrong));
      checks.add(() -> RepayJump.check(extraData, key));
    }
    List<CheckResult> alone = new ArrayList<>();
    for (Supplier<CheckResult> check : checks) {
      alone.add(check.get());
    }
    try {
      together(
          (thread, i) -> {
            int k = (thread + i) % checks.size();
            assertEquals(alone.get(k), checks.get(k).get(), "check " + k);
          });
    } finally {
      key.close();
      wrong.close();
    }
  }

  /** One round of a thread's work; it throws (an assertion) to fail the test. */
  interface Round {
    void run(int thread, int round) throws Exception;
  }

  /** THREADS threads, released at once, each running ROUNDS rounds; fails if any round fails. */
  static void together(Round round) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < ROUNDS; i++) {
                    round.run(thread, i);
                  }
                  return ROUNDS;
                }));
      }
      start.countDown();
      for (Future<Integer> future : futures) {
        assertEquals(ROUNDS, future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
