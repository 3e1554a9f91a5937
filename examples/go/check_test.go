package repayjump

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// The App paths of WeChat's document, verbatim (its iOS and Android samples).
const (
	docIOSPath     = "pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin"
	docAndroidPath = "pages/invest_list/invest_list?mchid=1900009231&appid=wxcbda96de0b165486&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin"
)

// The codes of CHECK.md, in the library's numbering (code 0 is "none"),
// written out from the contract rather than taken from the library.
var contractCodes = []string{"", "input.empty", "input.unrecognized",
	"path.page", "path.leading_slash", "path.no_query", "query.empty_pair",
	"query.no_value", "query.bad_escape", "query.encoded", "key.unknown",
	"key.version", "key.duplicate", "key.not_allowed", "field.missing",
	"field.empty", "value.space", "value.equals", "value.rule", "appid.target",
	"partner.conflict", "sign.missing", "sign.type", "sign.format",
	"sign.mismatch", "sign.unverified", "json.syntax", "json.not_object",
	"json.not_string", "js.unquoted", "js.expression", "js.unclosed",
	"navigate.app_id", "navigate.path", "navigate.env", "navigate.extra_data",
	"launch.user_name", "launch.type", "wxml.target", "src.unclosed",
	"app.own_appid", "manifest.entry", "manifest.exported",
	"manifest.launch_mode", "manifest.task_affinity", "plist.url_scheme"}

// want is one expected finding: its code, key, and where it is in the
// input (offset -1: not compared).
type want struct {
	code   string
	key    string
	offset int
	length int
}

// expectFindings fails unless r holds exactly the wanted findings, in
// order, with severities and counts that agree with the library's table.
func expectFindings(t *testing.T, what string, r CheckResult, wants ...want) {
	t.Helper()
	if len(r.Findings) != len(wants) {
		t.Fatalf("%s: %d findings, want %d:\n%s", what, len(r.Findings),
			len(wants), describe(r))
	}
	for i, w := range wants {
		f := r.Findings[i]
		if f.Code.String() != w.code || f.Key != w.key ||
			(w.offset >= 0 && (f.Offset != w.offset || f.Length != w.length)) {
			t.Errorf("%s: finding %d is %s %q at %d+%d, want %s %q at %d+%d",
				what, i, f.Code, f.Key, f.Offset, f.Length, w.code, w.key,
				w.offset, w.length)
		}
	}
	expectCounts(t, what, r)
}

// expectCounts checks the result's counts against its findings, and each
// finding's severity against its code's, and that each has a message.
func expectCounts(t *testing.T, what string, r CheckResult) {
	t.Helper()
	var counts [3]int
	for _, f := range r.Findings {
		if f.Severity != f.Code.Severity() || f.Severity < 0 || f.Severity > 2 {
			t.Errorf("%s: %v has severity %v, its code %v", what, f.Code,
				f.Severity, f.Code.Severity())
			continue
		}
		counts[f.Severity]++
		if f.Message == "" || strings.Contains(f.Message, "\n") ||
			strings.Contains(f.Fix, "\n") {
			t.Errorf("%s: %v has message %q, fix %q", what, f.Code, f.Message, f.Fix)
		}
	}
	if counts != [3]int{r.Errors, r.Warnings, r.Notes} {
		t.Errorf("%s: counts %d/%d/%d, findings give %v", what, r.Errors,
			r.Warnings, r.Notes, counts)
	}
	if r.OK() != (r.Errors == 0) {
		t.Errorf("%s: OK() is %v with %d errors", what, r.OK(), r.Errors)
	}
}

func describe(r CheckResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kind %v, variant %v\n", r.Kind, r.Variant)
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "  %v (key %q)\n", f, f.Key)
	}
	return b.String()
}

func mustCheckText(t *testing.T, text string, opt *CheckOptions) CheckResult {
	t.Helper()
	r, err := CheckText(text, opt)
	if err != nil {
		t.Fatalf("CheckText(%q): %v", text, err)
	}
	return r
}

func mustCheckPairs(t *testing.T, pairs []Pair, opt *CheckOptions) CheckResult {
	t.Helper()
	r, err := CheckPairs(pairs, opt)
	if err != nil {
		t.Fatalf("CheckPairs(%v): %v", pairs, err)
	}
	return r
}

func TestCheckDocumentIOSPath(t *testing.T) {
	r := mustCheckText(t, docIOSPath, nil)
	expectFindings(t, "iOS path", r,
		want{"key.version", "mch_id", strings.Index(docIOSPath, "mch_id="), len("mch_id")},
		want{"value.space", "nonce_str", strings.Index(docIOSPath, " &openid"), 1},
		want{"value.equals", "openid", strings.Index(docIOSPath, "=weixin"), 1})
	if r.Kind != KindAppPath || r.Kind.String() != "app_path" ||
		r.Variant != V3Merchant || r.Errors != 3 || r.OK() {
		t.Errorf("iOS path: kind %v, variant %v, %d errors", r.Kind, r.Variant, r.Errors)
	}
	if f := r.Findings[1]; f.InValue || f.Pair != -1 ||
		f.Field != FieldNonceStr || f.Severity.String() != "error" {
		t.Errorf("space: %+v", f)
	}
	if f := r.Findings[0]; f.Field != FieldMchID {
		t.Errorf("key.version concerns %v", f.Field)
	}
}

func TestCheckDocumentAndroidPath(t *testing.T) {
	r := mustCheckText(t, docAndroidPath, nil)
	expectFindings(t, "Android path", r,
		want{"value.equals", "openid", strings.Index(docAndroidPath, "=weixin"), 1})
	if r.Findings[0].Field != FieldOpenID || r.Variant != V3Merchant {
		t.Errorf("Android path: %+v, variant %v", r.Findings[0], r.Variant)
	}
}

func TestCheckBareQuery(t *testing.T) {
	q := "appid=wxcbda96de0b165486&mchid=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE"
	r := mustCheckText(t, q, nil)
	expectFindings(t, "query", r)
	if r.Kind != KindQuery || r.Kind.String() != "query" {
		t.Errorf("kind %v", r.Kind)
	}
	// A NUL is just another byte outside the alphabet.
	bad := strings.Replace(q, "oUpF8", "oUp\x008", 1)
	r = mustCheckText(t, bad, nil)
	expectFindings(t, "NUL in openid", r,
		want{"value.rule", "openid", strings.IndexByte(bad, 0), 1})
}

// A number where a string belongs is json.not_string, with the fix quoting
// the value as encoding/json writes it; so is every other non-string.
func TestCheckMapNotString(t *testing.T) {
	m := map[string]any{"appid": exampleAppID, "mchid": 1900009231,
		"nonce_str": exampleNonce, "openid": exampleOpenID}
	r, err := CheckMap(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	expectFindings(t, "number mchid", r, want{"json.not_string", "mchid", -1, 0})
	if f := r.Findings[0]; f.Pair != 1 || !f.InValue || f.Field != FieldMchID ||
		!strings.Contains(f.Fix, "1900009231") {
		t.Errorf("number mchid: %+v", f)
	}
	if r.Kind != KindNone || r.Variant != V3Merchant {
		t.Errorf("kind %v, variant %v", r.Kind, r.Variant)
	}

	// The fix quotes a short value without quotes in it, as the input had
	// it; for longer ones it only says what to send.
	for value, quoted := range map[string]bool{"1900009231": true, "1.5e3": true,
		"true": true, "null": true, "[1,2]": true, `["1900009231"]`: false,
		`{"id":"<1>"}`: false} {
		var v any
		dec := json.NewDecoder(strings.NewReader(value))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		r := mustCheckPairs(t, []Pair{{"appid", exampleAppID}, {"mchid", v},
			{"nonce_str", exampleNonce}, {"openid", exampleOpenID}}, nil)
		expectFindings(t, value, r, want{"json.not_string", "mchid", 0, len(value)})
		if f := r.Findings[0]; strings.Contains(f.Fix, value) != quoted || f.Pair != 1 {
			t.Errorf("%s: fix %q, pair %d", value, f.Fix, f.Pair)
		}
	}
}

// jsonText writes what encoding/json writes, without HTML escapes.
func TestJSONText(t *testing.T) {
	for v, want := range map[any]string{"<1>": `"<1>"`, 12: "12", true: "true",
		json.Number("1.5e3"): "1.5e3"} {
		if got, err := jsonText(v); err != nil || string(got) != want {
			t.Errorf("jsonText(%v) = %s, %v; want %s", v, got, err, want)
		}
	}
	if got, err := jsonText(map[string]any{"id": "<&>", "n": nil}); err != nil ||
		string(got) != `{"id":"<&>","n":null}` {
		t.Errorf("a map: %s, %v", got, err)
	}
	if _, err := jsonText(make(chan int)); err == nil {
		t.Error("a channel has JSON text")
	}
}

func TestCheckPairsKeepOrder(t *testing.T) {
	r := mustCheckPairs(t, []Pair{{"openid", "a b"}, {"appid", exampleAppID},
		{"mchid", "19000=9231"}, {"nonce_str", exampleNonce}}, nil)
	expectFindings(t, "pairs", r, want{"value.space", "openid", 1, 1},
		want{"value.equals", "mchid", 5, 1})
	for i, pair := range []int{0, 2} {
		if f := r.Findings[i]; f.Pair != pair || !f.InValue {
			t.Errorf("finding %d: pair %d, in value %v", i, f.Pair, f.InValue)
		}
	}
	// No pairs at all: every required field is missing.
	r = mustCheckPairs(t, nil, nil)
	if r.OK() || len(r.Findings) == 0 {
		t.Errorf("no pairs: %s", describe(r))
	}
	for _, f := range r.Findings {
		if f.Code.String() != "field.missing" {
			t.Errorf("no pairs: %v", f)
		}
	}
}

// outputs is every output Compose writes for the variant, with the keys
// of extraData in a map and in order, as encoding/json reads them.
func composeOutputs(t *testing.T, v Variant) (Result, map[string]any, []Pair, map[string]any) {
	t.Helper()
	r, err := Compose(fullParams(v))
	if err != nil {
		t.Fatal(err)
	}
	var extra, nav, launch map[string]any
	for doc, into := range map[string]*map[string]any{r.ExtraDataJSON: &extra,
		r.NavigateJSON: &nav, r.AppLaunchJSON: &launch} {
		if err := json.Unmarshal([]byte(doc), into); err != nil {
			t.Fatal(err)
		}
	}
	members, err := parseObject(r.ExtraDataJSON)
	if err != nil {
		t.Fatal(err)
	}
	ordered := make([]Pair, len(members))
	for i, m := range members {
		ordered[i] = Pair{m.key, m.value}
	}
	navExtra, ok := nav["extraData"].(map[string]any)
	if !ok || launch["path"] != r.AppPath {
		t.Fatalf("navigate %v, launch %v", nav, launch)
	}
	return r, extra, ordered, navExtra
}

// Everything Compose writes checks clean: v2 with its key has no finding,
// and without it one sign.unverified note.
func TestCheckComposedOutputs(t *testing.T) {
	for _, v := range allVariants {
		r, extra, ordered, navExtra := composeOutputs(t, v)
		v2 := v == V2Merchant || v == V2Partner
		withKey := &CheckOptions{APIKey: []byte(exampleKey)}
		for _, opt := range []*CheckOptions{nil, withKey} {
			var wants []want
			if v2 && opt == nil {
				wants = []want{{"sign.unverified", "sign", -1, 0}}
			}
			what := fmt.Sprintf("%v %v", v, opt)
			results := map[string]func() (CheckResult, error){
				"app path":   func() (CheckResult, error) { return CheckText(r.AppPath, opt) },
				"query":      func() (CheckResult, error) { return CheckText(r.AppPath[len(TargetPath)+1:], opt) },
				"extraData":  func() (CheckResult, error) { return CheckMap(extra, opt) },
				"in order":   func() (CheckResult, error) { return CheckPairs(ordered, opt) },
				"navigate's": func() (CheckResult, error) { return CheckMap(navExtra, opt) },
			}
			for name, check := range results {
				res, err := check()
				if err != nil {
					t.Fatalf("%s %s: %v", what, name, err)
				}
				expectFindings(t, what+" "+name, res, wants...)
				if res.Variant != v || !res.OK() || res.Notes != len(wants) {
					t.Errorf("%s %s: variant %v, %d notes", what, name, res.Variant, res.Notes)
				}
			}
		}
	}
}

// The flags reach the library: Relaxed admits a test account's ids, and
// AllowNoOpenID an absent openid.
func TestCheckFlags(t *testing.T) {
	q := "appid=test_App-1&mchid=mch-A_1&nonce_str=" + exampleNonce
	r := mustCheckText(t, q, nil)
	expectFindings(t, "strict", r,
		want{"value.rule", "appid", strings.Index(q, "test_"), 1},
		want{"value.rule", "mchid", strings.Index(q, "mch-"), 1},
		want{"field.missing", "", -1, 0})
	r = mustCheckText(t, q, &CheckOptions{Flags: Relaxed})
	expectFindings(t, "relaxed", r, want{"field.missing", "", -1, 0})
	if r.Findings[0].Field != FieldOpenID {
		t.Errorf("missing %v", r.Findings[0].Field)
	}
	r = mustCheckText(t, q, &CheckOptions{Flags: Relaxed | AllowNoOpenID})
	expectFindings(t, "relaxed, no openid", r)
}

func TestCheckExplicitVariant(t *testing.T) {
	r, _, _, _ := composeOutputs(t, V3Merchant)
	v := V2Merchant
	res := mustCheckText(t, r.AppPath, &CheckOptions{Variant: &v})
	if res.Variant != V2Merchant || res.OK() {
		t.Errorf("a v3 path as v2: %s", describe(res))
	}
	v = V3Merchant
	if res = mustCheckText(t, r.AppPath, &CheckOptions{Variant: &v}); !res.OK() || len(res.Findings) != 0 {
		t.Errorf("a v3 path as v3: %s", describe(res))
	}
}

// A wrong key gives sign.mismatch, and no output of the binding ever shows
// either key.
func TestCheckSignMismatchHidesKey(t *testing.T) {
	r, _, _, _ := composeOutputs(t, V2Merchant)
	wrong := "WrongKeyWrongKeyWrongKeyWrongKey"
	opt := &CheckOptions{APIKey: []byte(wrong)}
	res := mustCheckText(t, r.AppPath, opt)
	expectFindings(t, "wrong key", res, want{"sign.mismatch", "sign",
		strings.Index(r.AppPath, "sign=") + len("sign="), len(r.Sign)})
	if string(opt.APIKey) != wrong {
		t.Errorf("the caller's key became %q", opt.APIKey)
	}
	var shown []string
	for _, f := range res.Findings {
		shown = append(shown, f.Message, f.Fix, f.String(), fmt.Sprintf("%+v %#v", f, f))
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
		shown = append(shown, fmt.Sprintf(verb, *opt), fmt.Sprintf(verb, opt))
	}
	js, _ := json.Marshal(opt)
	shown = append(shown, string(js), fmt.Sprintf("%+v", res))
	for _, s := range shown {
		for _, key := range []string{wrong, exampleKey, fmt.Sprintf("%x", wrong),
			fmt.Sprint([]byte(wrong))[1:20]} {
			if strings.Contains(s, key) {
				t.Errorf("%q shows a key", s)
			}
		}
	}
	if s := fmt.Sprint(*opt); s != "{Variant:auto Flags:0 APIKey:[redacted]}" {
		t.Errorf("options print as %s", s)
	}
}

// The buffer that held the key is zeroed once the check is done, and the
// caller's key is left as it was.
func TestCheckWipesItsCopyOfTheKey(t *testing.T) {
	opt := &CheckOptions{APIKey: []byte(exampleKey)}
	s, err := startCheck(opt, len(docAndroidPath))
	if err != nil {
		t.Fatal(err)
	}
	s.buf = append(s.buf, docAndroidPath...)
	s.appendKey(opt)
	buf := s.buf
	if !strings.Contains(string(buf), exampleKey) {
		t.Fatalf("the key is not in the buffer: %q", buf)
	}
	r, err := s.checkText(len(docAndroidPath))
	if err != nil || len(r.Findings) != 1 || r.Findings[0].Key != "openid" {
		t.Fatalf("%v: %s", err, describe(r))
	}
	if strings.Trim(string(buf), "\x00") != "" {
		t.Errorf("the buffer still holds %q", buf)
	}
	if string(opt.APIKey) != exampleKey {
		t.Errorf("the caller's key became %q", opt.APIKey)
	}
}

// More findings than the first call has room for: all come back, in order.
func TestCheckManyFindings(t *testing.T) {
	var keys []string
	for i := 0; i < 40; i++ {
		keys = append(keys, fmt.Sprintf("k%02d=v", i))
	}
	q := strings.Join(keys, "&")
	r := mustCheckText(t, q, nil)
	if len(r.Findings) <= firstCap || len(r.Findings) != r.Errors+r.Warnings+r.Notes {
		t.Fatalf("%d findings, counts %d/%d/%d", len(r.Findings), r.Errors, r.Warnings, r.Notes)
	}
	for i := 0; i < 40; i++ {
		f := r.Findings[i]
		key := fmt.Sprintf("k%02d", i)
		if f.Code.String() != "key.unknown" || f.Key != key ||
			f.Offset != strings.Index(q, key+"=") {
			t.Errorf("finding %d: %v (key %q)", i, f, f.Key)
		}
	}
	expectCounts(t, "40 keys", r)

	pairs := make([]Pair, 0, 40)
	for i := 0; i < 40; i++ {
		pairs = append(pairs, Pair{fmt.Sprintf("k%02d", i), i})
	}
	r = mustCheckPairs(t, pairs, nil)
	if len(r.Findings) < 40 || len(r.Findings) != r.Errors+r.Warnings+r.Notes {
		t.Fatalf("40 pairs: %d findings", len(r.Findings))
	}
	for i, f := range r.Findings[:40] {
		if f.Pair != i || f.Key != pairs[i].Key {
			t.Errorf("pair finding %d: %v (pair %d, key %q)", i, f, f.Pair, f.Key)
		}
	}
}

func TestCheckOptionErrors(t *testing.T) {
	bad := Variant(4)
	cases := map[string]struct {
		opt   *CheckOptions
		pairs []Pair
		want  Status
	}{
		"variant 4":      {&CheckOptions{Variant: &bad}, nil, StatusArg},
		"unknown flag":   {&CheckOptions{Flags: 8}, nil, StatusArg},
		"NUL in the key": {&CheckOptions{APIKey: []byte("ab\x00c")}, nil, StatusCharset},
		"a channel":      {nil, []Pair{{"mchid", make(chan int)}}, StatusArg},
	}
	for name, c := range cases {
		var err error
		if c.pairs != nil {
			_, err = CheckPairs(c.pairs, c.opt)
		} else {
			_, err = CheckText(docAndroidPath, c.opt)
		}
		var e *Error
		if !errors.As(err, &e) || e.Status != c.want || strings.Contains(e.Message, "ab\x00c") {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

// The names come from the library and are CHECK.md's; severities agree.
func TestCheckNames(t *testing.T) {
	codes, err := CheckCodes()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range codes {
		got = append(got, c.String())
		if c > 0 && (c.Severity() < SeverityError || c.Severity() > SeverityNote) {
			t.Errorf("%v: severity %v", c, c.Severity())
		}
	}
	got[0] = ""
	if !reflect.DeepEqual(got, contractCodes) {
		t.Errorf("codes %q, want %q", got, contractCodes)
	}
	sev := map[string]Severity{"value.space": SeverityError,
		"path.leading_slash": SeverityWarning, "sign.unverified": SeverityNote}
	for _, c := range codes {
		if s, ok := sev[c.String()]; ok && c.Severity() != s {
			t.Errorf("%v is %v, want %v", c, c.Severity(), s)
		}
	}
	if s := fmt.Sprint(SeverityError, SeverityWarning, SeverityNote, Code(99)); s != "error warning note Code(99)" {
		t.Errorf("names: %s", s)
	}
	kinds := fmt.Sprint(KindNone, KindAppPath, KindQuery, KindExtraData,
		KindNavigate, KindAppLaunch, KindJSObject, KindWXML, KindAppSource,
		KindManifest, KindPlist)
	if kinds != "none app_path query extra_data navigate app_launch js_object wxml app_source manifest plist" {
		t.Errorf("kinds: %s", kinds)
	}
	names := strings.Join([]string{V3Merchant.Name(), V3Partner.Name(),
		V2Merchant.Name(), V2Partner.Name(), ExtraDataJSON.Name(),
		NavigateJSON.Name(), AppPath.Name(), AppLaunchJSON.Name(),
		Variant(9).Name()}, " ")
	if names != "v3 v3-partner v2 v2-partner extra-data navigate app-path app-launch Variant(9)" {
		t.Errorf("variant and format names: %s", names)
	}
}

// Goroutines check at once; every result equals the one checked alone.
func TestConcurrentCheck(t *testing.T) {
	type input struct {
		text  string
		pairs []Pair
		opt   *CheckOptions
	}
	inputs := []input{{text: docIOSPath}, {text: docAndroidPath}}
	for _, v := range allVariants {
		r, _, ordered, _ := composeOutputs(t, v)
		key := &CheckOptions{APIKey: []byte(exampleKey)}
		wrong := &CheckOptions{APIKey: []byte("WrongKeyWrongKeyWrongKeyWrongKey")}
		inputs = append(inputs, input{text: r.AppPath}, input{text: r.AppPath, opt: key},
			input{text: r.AppPath, opt: wrong}, input{pairs: ordered, opt: key})
	}
	run := func(in input) (CheckResult, error) {
		if in.pairs != nil {
			return CheckPairs(in.pairs, in.opt)
		}
		return CheckText(in.text, in.opt)
	}
	alone := make([]CheckResult, len(inputs))
	for i, in := range inputs {
		var err error
		if alone[i], err = run(in); err != nil {
			t.Fatal(err)
		}
	}
	const goroutines, rounds = 16, 40
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				k := (g + i) % len(inputs)
				r, err := run(inputs[k])
				if err == nil && !reflect.DeepEqual(r, alone[k]) {
					err = fmt.Errorf("input %d: %s, alone %s", k, describe(r), describe(alone[k]))
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
