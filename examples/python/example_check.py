"""Check the document's iOS App path; print every finding with its fix."""
import repayjump

path = ("pages/invest_list/invest_list?mch_id=1900009231"
        "&appid=wxcbda96de0b165486&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS "
        "&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin")
result = repayjump.check(path)
for f in result.findings:
    print(f"byte {f.offset}: {f.severity}[{f.code}] {f.message}")
    print(f"  fix: {f.fix}")
print(f"{result.errors} errors, {result.warnings} warnings, "
      f"{result.notes} notes")
raise SystemExit(0 if result.ok else 1)
