import repayjump.Params;
import repayjump.RepayJump;
import repayjump.Result;

public class Example {
  public static void main(String[] args) {
    Params params = Params.builder() // APIv3 merchant, strict rules
        .appid("wxcbda96de0b165486")
        .mchid("1900009231")
        .openid("oUpF8uMEb4qRXf22hE3X68TekukE")
        .build(); // no nonceStr: a fresh one comes from libsodium
    Result result = RepayJump.compose(params); // throws RepayJumpException
    System.out.println("extraData: " + result.extraDataJson());
    System.out.println("App path:  " + result.appPath());
  }
}
