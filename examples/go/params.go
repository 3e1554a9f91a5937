package repayjump

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Params is what a compose or render needs. The zero value with AppID,
// MchID and OpenID set is an APIv3 merchant under the strict rules; an
// empty string means absent. Printing a Params with fmt, or marshalling it
// to JSON, never shows the APIKey.
type Params struct {
	Variant   Variant
	Flags     Flags
	AppID     string // the merchant's AppID
	MchID     string // emitted as mchid (v3) or mch_id (v2)
	NonceStr  string // empty: Compose generates one; Render needs it
	OpenID    string // the user's openid under AppID
	SubAppID  string // partner variants only
	SubMchID  string // partner variants only; emitted as sub_mch_id
	SubOpenID string // partner variants only; needs SubAppID
	// APIKey is the APIv2 key (v2 variants only): it signs and is never
	// emitted. The binding wipes its own copy after each call; the caller
	// owns this slice and may wipe it when done.
	APIKey []byte `json:"-"`
}

// textFields gives the string fields in the library's field order; the
// APIKey, kept as bytes, is handled apart.
func (p *Params) textFields() [FieldAPIKey]string {
	return [FieldAPIKey]string{FieldNone: "", FieldAppID: p.AppID,
		FieldMchID: p.MchID, FieldNonceStr: p.NonceStr, FieldOpenID: p.OpenID,
		FieldSubAppID: p.SubAppID, FieldSubMchID: p.SubMchID,
		FieldSubOpenID: p.SubOpenID}
}

// checkRanges refuses what would change meaning on the way to C's int and
// unsigned, with the messages the library gives for the same mistakes.
func (p *Params) checkRanges() error {
	if p.Variant < math.MinInt32 || p.Variant > math.MaxInt32 {
		return &Error{Status: StatusArg, Message: fmt.Sprintf(
			"variant: %d is not a variant (0 to %d)", int(p.Variant), V2Partner)}
	}
	if uint64(p.Flags) > math.MaxUint32 {
		return &Error{Status: StatusArg, Message: fmt.Sprintf(
			"flags: unknown bits 0x%x", uint64(p.Flags)&^3)}
	}
	return nil
}

// String shows every field but the APIKey, which shows as [redacted] when
// set.
func (p Params) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "{Variant:%v Flags:%d", p.Variant, p.Flags)
	names := [...]string{"", "AppID", "MchID", "NonceStr", "OpenID",
		"SubAppID", "SubMchID", "SubOpenID"}
	for f, v := range p.textFields() {
		if f > 0 {
			fmt.Fprintf(&b, " %s:%s", names[f], v)
		}
	}
	b.WriteString(" APIKey:" + redact(p.APIKey, "[redacted]", "[]") + "}")
	return b.String()
}

// GoString is Go syntax for p, with the APIKey's bytes left out.
func (p Params) GoString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "repayjump.Params{Variant:repayjump.%v, Flags:0x%x",
		p.Variant, uint64(p.Flags))
	names := [...]string{"", "AppID", "MchID", "NonceStr", "OpenID",
		"SubAppID", "SubMchID", "SubOpenID"}
	for f, v := range p.textFields() {
		if f > 0 {
			fmt.Fprintf(&b, ", %s:%s", names[f], strconv.Quote(v))
		}
	}
	b.WriteString(", APIKey:" +
		redact(p.APIKey, "[]byte{ /* redacted */ }", "[]byte(nil)") + "}")
	return b.String()
}

// Format makes every verb go through String or GoString: without it, %d
// or %x would print the key's bytes.
func (p Params) Format(s fmt.State, verb rune) {
	if verb == 'v' && s.Flag('#') {
		_, _ = s.Write([]byte(p.GoString()))
		return
	}
	_, _ = s.Write([]byte(p.String()))
}

func redact(key []byte, set, unset string) string {
	if len(key) > 0 {
		return set
	}
	return unset
}
