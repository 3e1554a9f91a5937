import java.util.LinkedHashMap;
import java.util.Map;
import repayjump.CheckResult;
import repayjump.Finding;
import repayjump.RepayJump;

public class CheckExample {
  public static void main(String[] args) {
    // The App path of WeChat's document (its iOS sample), verbatim.
    String path =
        "pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486"
            + "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS "
            + "&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin";
    report(RepayJump.check(path)); // infer the variant, no key

    // An extraData object as some code built it: checked in the map's order.
    Map<String, Object> extraData = new LinkedHashMap<>();
    extraData.put("appid", "wxcbda96de0b165486");
    extraData.put("mchid", 1900009231L);
    extraData.put("nonce_str", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
    extraData.put("openid", "oUpF8uMEb4qRXf22hE3X68TekukE");
    report(RepayJump.check(extraData));
  }

  static void report(CheckResult result) {
    for (Finding f : result.findings()) {
      // A map has no positions: offsets count bytes of the value.
      String where = f.inValue() ? " of its value" : "";
      System.out.printf(
          "%s, byte %d%s: %s[%s]: %s%n  fix: %s%n",
          f.key(), f.offset(), where, f.severity(), f.code(), f.message(), f.fix());
    }
    System.out.printf(
        "%d errors, %d warnings, %d notes%n", result.errors(), result.warnings(), result.notes());
  }
}
