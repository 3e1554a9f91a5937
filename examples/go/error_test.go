package repayjump

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// v3 and v2 are the full example params of a merchant variant, changed.
func v3(change func(*Params)) Params { return changed(V3Merchant, change) }
func v2(change func(*Params)) Params { return changed(V2Merchant, change) }

func changed(v Variant, change func(*Params)) Params {
	p := fullParams(v)
	change(&p)
	return p
}

type errorCase struct {
	name   string
	params Params
	want   Error
}

// Every status Compose can give, with field, offset and the whole message.
var composeErrors = []errorCase{
	{"unknown variant", v3(func(p *Params) { p.Variant = 4 }),
		Error{StatusArg, FieldNone, 0, "variant: 4 is not a variant (0 to 3)"}},
	{"negative variant", v3(func(p *Params) { p.Variant = -1 }),
		Error{StatusArg, FieldNone, 0, "variant: -1 is not a variant (0 to 3)"}},
	{"variant beyond C int", v3(func(p *Params) { p.Variant = 1 << 32 }),
		Error{StatusArg, FieldNone, 0, "variant: 4294967296 is not a variant (0 to 3)"}},
	{"unknown flag", v3(func(p *Params) { p.Flags = 4 | Relaxed }),
		Error{StatusArg, FieldNone, 0, "flags: unknown bits 0x4"}},
	{"flag beyond C unsigned", v3(func(p *Params) { p.Flags = 1 << 32 }),
		Error{StatusArg, FieldNone, 0, "flags: unknown bits 0x100000000"}},
	{"appid missing", v3(func(p *Params) { p.AppID = "" }),
		Error{StatusMissing, FieldAppID, 0, "appid: required by the APIv3 merchant variant"}},
	{"openid missing", v3(func(p *Params) { p.OpenID = "" }),
		Error{StatusMissing, FieldOpenID, 0, "openid: required by the APIv3 merchant variant; set REPAYJUMP_ALLOW_NO_OPENID to leave it out"}},
	{"api_key missing", v2(func(p *Params) { p.APIKey = nil }),
		Error{StatusMissing, FieldAPIKey, 0, "api_key: required by the APIv2 merchant variant"}},
	{"openid too long", v3(func(p *Params) { p.OpenID = strings.Repeat("o", 33) }),
		Error{StatusTooLong, FieldOpenID, 32, "openid: longer than 32 bytes"}},
	{"mchid letter", v3(func(p *Params) { p.MchID = "1900x231" }),
		Error{StatusCharset, FieldMchID, 4, "mchid: byte 4 is 'x'; expected a digit"}},
	{"openid non-ASCII", v3(func(p *Params) { p.OpenID = "oUpF€" }),
		Error{StatusCharset, FieldOpenID, 4, "openid: byte 4 is 0xE2; expected a letter, digit, '_' or '-'"}},
	{"api_key byte not echoed", v2(func(p *Params) { p.APIKey = []byte("7mdApPMf%ddfWc6A8HhRZ0aQpMCdq1mZ") }),
		Error{StatusCharset, FieldAPIKey, 8, "api_key: byte 8 is not allowed; expected exactly 32 letters or digits"}},
	{"appid uppercase hex", v3(func(p *Params) { p.AppID = "wxCBDA96DE0B165486" }),
		Error{StatusFormat, FieldAppID, 2, "appid: byte 2 is 'C'; expected wx followed by 16 lowercase hex digits"}},
	{"api_key short", v2(func(p *Params) { p.APIKey = []byte(exampleKey[:31]) }),
		Error{StatusFormat, FieldAPIKey, 31, "api_key: ends at byte 31; expected exactly 32 letters or digits"}},
	{"sub_appid in a merchant variant", v3(func(p *Params) { p.SubAppID = exampleSubAppID }),
		Error{StatusNotAllowed, FieldSubAppID, 0, "sub_appid: not used by the APIv3 merchant variant; leave it absent"}},
	{"api_key in v3", v3(func(p *Params) { p.APIKey = []byte(exampleKey) }),
		Error{StatusNotAllowed, FieldAPIKey, 0, "api_key: not used by the APIv3 merchant variant; leave it absent"}},
	{"sub_openid without sub_appid", Params{Variant: V3Partner,
		AppID: exampleAppID, MchID: exampleMchID, SubMchID: exampleSubMchID,
		SubOpenID: exampleSubOpenID},
		Error{StatusConflict, FieldSubOpenID, 0, "sub_openid: set without sub_appid, the AppID it belongs to"}},
	// A NUL byte is refused where the library would refuse any other
	// byte outside the alphabet, never cut short.
	{"NUL in openid", v3(func(p *Params) { p.OpenID = "oUpF\x00EbX" }),
		Error{StatusCharset, FieldOpenID, 4, "openid: byte 4 is 0x00; expected a letter, digit, '_' or '-'"}},
	{"NUL first in appid", v3(func(p *Params) { p.AppID = "\x00" }),
		Error{StatusCharset, FieldAppID, 0, "appid: byte 0 is 0x00; expected wx followed by 16 lowercase hex digits"}},
	{"NUL in api_key", v2(func(p *Params) { p.APIKey = []byte("7mdApPMfXddfWc6A\x008HhRZ0aQpMCdq1m") }),
		Error{StatusCharset, FieldAPIKey, 16, "api_key: byte 16 is not allowed; expected exactly 32 letters or digits"}},
	{"NUL after an earlier wrong byte", v3(func(p *Params) { p.OpenID = "a=b\x00" }),
		Error{StatusCharset, FieldOpenID, 1, "openid: byte 1 is '='; expected a letter, digit, '_' or '-'"}},
	{"NUL in a later field", v3(func(p *Params) { p.MchID = "19x"; p.OpenID = "a\x00" }),
		Error{StatusCharset, FieldMchID, 2, "mchid: byte 2 is 'x'; expected a digit"}},
	{"NUL past the limit", v3(func(p *Params) { p.OpenID = strings.Repeat("o", 40) + "\x00" }),
		Error{StatusTooLong, FieldOpenID, 32, "openid: longer than 32 bytes"}},
	{"0x01 itself", v3(func(p *Params) { p.OpenID = "ab\x01" }),
		Error{StatusCharset, FieldOpenID, 2, "openid: byte 2 is 0x01; expected a letter, digit, '_' or '-'"}},
}

func checkError(t *testing.T, name string, err error, c errorCase) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: %v is not an *Error", name, err)
		return
	}
	if *e != c.want {
		t.Errorf("%s:\n got %v %v %d %q\nwant %v %v %d %q", name,
			e.Status, e.Field, e.Offset, e.Message,
			c.want.Status, c.want.Field, c.want.Offset, c.want.Message)
	}
	if err.Error() != "repayjump: "+c.want.Message {
		t.Errorf("%s: Error() = %q", name, err.Error())
	}
	for _, key := range []string{exampleKey, string(c.params.APIKey)} {
		shown := err.Error() + fmt.Sprintf("%v %+v %#v", e, e, e)
		if key != "" && strings.Contains(shown, key) {
			t.Errorf("%s: the key shows in %q", name, shown)
		}
	}
}

func TestComposeErrors(t *testing.T) {
	for _, c := range composeErrors {
		r, err := Compose(c.params)
		checkError(t, c.name, err, c)
		if r != (Result{}) {
			t.Errorf("%s: a failure returned outputs %+v", c.name, r)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	for _, c := range composeErrors {
		p := c.params
		p.NonceStr = exampleNonce
		out, err := Render(AppPath, p)
		checkError(t, "render, "+c.name, err, c)
		if out != "" {
			t.Errorf("%s: a failure returned %q", c.name, out)
		}
	}
	noNonce := fullParams(V3Merchant)
	_, err := Render(ExtraDataJSON, noNonce)
	checkError(t, "render without a nonce", err, errorCase{want: Error{Status: StatusMissing,
		Field: FieldNonceStr, Message: "nonce_str: required by the APIv3 merchant variant"}})

	p := fullParams(V3Merchant)
	p.NonceStr = exampleNonce
	for format, msg := range map[Format]string{
		4:       "format: 4 is not a format (0 to 3)",
		-1:      "format: -1 is not a format (0 to 3)",
		1 << 40: "format: 1099511627776 is not a format (0 to 3)",
	} {
		_, err := Render(format, p)
		checkError(t, fmt.Sprint("format ", int(format)), err,
			errorCase{want: Error{Status: StatusArg, Message: msg}})
	}
}

func TestNonceErrors(t *testing.T) {
	for _, n := range []int{0, FieldMax + 1, -1, 1 << 40} {
		s, err := Nonce(n)
		checkError(t, fmt.Sprint("Nonce(", n, ")"), err, errorCase{want: Error{
			Status: StatusArg, Message: fmt.Sprintf("length: %d is not 1 to 32", n)}})
		if s != "" {
			t.Errorf("Nonce(%d) returned %q", n, s)
		}
	}
}

func TestStatusAndFieldNames(t *testing.T) {
	names := map[fmt.Stringer]string{
		StatusOK: "REPAYJUMP_OK", StatusArg: "REPAYJUMP_E_ARG",
		StatusConflict: "REPAYJUMP_E_CONFLICT", StatusTooLarge: "REPAYJUMP_E_TOO_LARGE",
		StatusNoState: "REPAYJUMP_E_NO_STATE", Status(-18): "Status(-18)",
		Status(1): "Status(1)", FieldNone: "none", FieldAppID: "appid",
		FieldSubMchID: "sub_mchid", FieldAPIKey: "api_key",
		FieldTradeScene: "trade_scene", FieldPlateNumber: "plate_number", Field(12): "Field(12)",
		V2Partner: "V2Partner", Variant(4): "Variant(4)",
		AppLaunchJSON: "AppLaunchJSON", Format(-1): "Format(-1)",
	}
	for v, want := range names {
		if got := v.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", v, got, want)
		}
	}
}
