package repayjump

import (
	"fmt"
	"strings"
)

// VariantNone is CheckResult.Variant when no variant could be inferred.
const VariantNone Variant = -1

// Code is what a finding says (repayjump_check_code). Its String, the
// library's name such as "value.space", is the stable identifier that
// CHECK.md lists; the numbers are the library's and are never renumbered.
type Code int

// String is the library's name of the code, e.g. "value.space".
func (c Code) String() string { return name(loadedNames().codes, int(c), "Code") }

// Severity is the library's severity of the code; -1 for an unknown code.
func (c Code) Severity() Severity {
	n := loadedNames()
	if c >= 0 && int(c) < len(n.severity) {
		return n.severity[c]
	}
	return -1
}

// CheckCodes lists every code the loaded library knows, in number order.
func CheckCodes() ([]Code, error) {
	if err := loadCheck(); err != nil {
		return nil, err
	}
	codes := make([]Code, len(library.names.codes))
	for i := range codes {
		codes[i] = Code(i)
	}
	return codes, nil
}

// Severity is how serious a finding is (repayjump_severity).
type Severity int

const (
	SeverityError   Severity = 0 // the jump fails
	SeverityWarning Severity = 1 // most likely a mistake
	SeverityNote    Severity = 2 // for information
)

// String is the library's name: "error", "warning" or "note".
func (s Severity) String() string {
	return name(loadedNames().severities[:], int(s), "Severity")
}

// Kind is what a checked text was read as (repayjump_input_kind).
type Kind int

const (
	KindNone      Kind = 0 // unrecognised, or pairs of the jump's fields
	KindAppPath   Kind = 1
	KindQuery     Kind = 2
	KindExtraData Kind = 3
	KindNavigate  Kind = 4
	KindAppLaunch Kind = 5
	KindJSObject  Kind = 6
	KindWXML      Kind = 7  // a <navigator> element (the tool's check and scan)
	KindAppSource Kind = 8  // App code (the tool's check and scan)
	KindManifest  Kind = 9  // an AndroidManifest.xml (the tool's)
	KindPlist     Kind = 10 // an Info.plist (the tool's)
)

// String is the library's name, e.g. "app_path"; "none" for KindNone.
func (k Kind) String() string { return name(loadedNames().kinds[:], int(k), "Kind") }

// CheckOptions say how to check; a nil *CheckOptions means: infer the
// variant, strict rules, openid required, no key. Printing CheckOptions with
// fmt, or marshalling them to JSON, never shows the APIKey.
type CheckOptions struct {
	// Variant checks against one variant (a key it does not use is then
	// key.not_allowed); nil infers it from the keys: sign or sign_type
	// means APIv2, sub_mch_id, sub_appid or sub_openid partner.
	Variant *Variant
	Flags   Flags // AllowNoOpenID, Relaxed
	// APIKey verifies an APIv2 sign (else sign.unverified, a note). It is
	// in no finding; the binding wipes its own copy after each call, and
	// the caller owns this slice.
	APIKey []byte `json:"-"`
}

// String shows the variant and flags, and only whether a key is set.
func (o CheckOptions) String() string {
	v := "auto"
	if o.Variant != nil {
		v = o.Variant.String()
	}
	return fmt.Sprintf("{Variant:%s Flags:%d APIKey:%s}", v, o.Flags,
		redact(o.APIKey, "[redacted]", "[]"))
}

// GoString is like String: the key's bytes are left out.
func (o CheckOptions) GoString() string { return "repayjump.CheckOptions" + o.String() }

// Format makes every verb go through String or GoString, as for Params.
func (o CheckOptions) Format(s fmt.State, verb rune) {
	if verb == 'v' && s.Flag('#') {
		_, _ = s.Write([]byte(o.GoString()))
		return
	}
	_, _ = s.Write([]byte(o.String()))
}

// Pair is one key and value of an ordered check input (CheckPairs). A
// string Value is checked against the field's rule; any other value (a
// number, bool, nil, json.Number, slice, map...) is json.not_string, and
// the finding's fix quotes it as encoding/json writes it. The value of a
// pair keyed extraData is the object's own: an object (a map[string]any or
// a json.RawMessage holding one), whose members CheckPairs checks as
// "extraData.<key>", a string, or anything else.
type Pair struct {
	Key   string
	Value any
}

// Finding is one problem. Offset and Length are bytes into the checked text
// (CheckText), or, when InValue, into the decoded value of pair Pair.
type Finding struct {
	Code     Code     // String() is the stable name, e.g. "value.space"
	Severity Severity // String() is "error", "warning" or "note"
	Field    Field    // the field it concerns, FieldNone when none
	Key      string   // the key as written; "" when none
	Offset   int      // -1 when unknown
	Length   int      // 0 for something absent
	InValue  bool     // Offset counts bytes of the pair's decoded value
	Pair     int      // CheckPairs and CheckMap: the index of the pair as sent; else -1
	Message  string   // one English line, e.g. "nonce_str: byte 32 is a space"
	Fix      string   // one English line, e.g. "remove the space"
}

// String reads like the command line's text output:
// "72: error[value.space]: nonce_str: byte 32 is a space; fix: ...".
func (f Finding) String() string {
	var b strings.Builder
	if f.InValue {
		fmt.Fprintf(&b, "pair %d value byte %d: ", f.Pair, f.Offset)
	} else if f.Offset >= 0 {
		fmt.Fprintf(&b, "%d: ", f.Offset)
	}
	fmt.Fprintf(&b, "%v[%v]: %s", f.Severity, f.Code, f.Message)
	if f.Fix != "" {
		b.WriteString("; fix: " + f.Fix)
	}
	return b.String()
}

// CheckResult is everything one check found.
type CheckResult struct {
	Kind     Kind    // KindAppPath or KindQuery for CheckText; KindNone for pairs
	Variant  Variant // the variant checked against; VariantNone when none
	Errors   int
	Warnings int
	Notes    int
	Findings []Finding // every finding, in input order
}

// OK reports whether nothing is an error (warnings and notes allowed), as
// the command line's exit status 0.
func (r CheckResult) OK() bool { return r.Errors == 0 }
