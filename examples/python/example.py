"""Compose the jump for the document's example values; print the App path."""
import repayjump

try:
    r = repayjump.compose(appid="wxcbda96de0b165486", mchid="1900009231",
                          openid="oUpF8uMEb4qRXf22hE3X68TekukE")
except repayjump.RepayjumpError as e:  # status, field, offset, message
    raise SystemExit(f"{e} (field {e.field_name}, byte {e.offset})")
print("extraData:", r.extra_data_json)
print("App path: ", r.app_path)
