package repayjump

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// VectorsEnv names the shared status vectors (tests/status/vectors.json),
// which ctest passes; by hand, the tree's copy is used.
const vectorsEnv = "REPAYJUMP_STATUS_VECTORS"

type vectorParams struct {
	Variant   Variant `json:"variant"`
	AppID     string  `json:"appid"`
	MchID     string  `json:"mchid"`
	NonceStr  string  `json:"nonce_str"`
	OpenID    string  `json:"openid"`
	SubAppID  string  `json:"sub_appid"`
	SubMchID  string  `json:"sub_mchid"`
	SubOpenID string  `json:"sub_openid"`
	APIKey    string  `json:"api_key"`
}

func (v vectorParams) params() Params {
	return Params{Variant: v.Variant, AppID: v.AppID, MchID: v.MchID,
		NonceStr: v.NonceStr, OpenID: v.OpenID, SubAppID: v.SubAppID,
		SubMchID: v.SubMchID, SubOpenID: v.SubOpenID, APIKey: []byte(v.APIKey)}
}

type statusVectors struct {
	Key        string                  `json:"key"`
	Identities map[string]vectorParams `json:"identities"`
	Requests   []struct {
		Variant string            `json:"variant"`
		Params  vectorParams      `json:"params"`
		Query   map[string]string `json:"query"`
		Body    string            `json:"body"`
	} `json:"requests"`
	Answers []struct {
		Name     string          `json:"name"`
		Identity string          `json:"identity"`
		Answer   json.RawMessage `json:"answer"`
		Status   Status          `json:"status"`
		Offset   *int            `json:"offset"`
		Result   map[string]any  `json:"result"`
	} `json:"answers"`
}

var (
	vectorsOnce sync.Once
	vectors     statusVectors
	vectorsErr  error
)

func loadVectors(t *testing.T) *statusVectors {
	t.Helper()
	vectorsOnce.Do(func() {
		path := os.Getenv(vectorsEnv)
		if path == "" {
			path = "../../tests/status/vectors.json"
		}
		var text []byte
		if text, vectorsErr = os.ReadFile(path); vectorsErr == nil {
			vectorsErr = json.Unmarshal(text, &vectors)
		}
	})
	if vectorsErr != nil {
		t.Fatalf("%s: %v", vectorsEnv, vectorsErr)
	}
	if len(vectors.Requests) == 0 || len(vectors.Answers) == 0 {
		t.Fatal("no vectors")
	}
	return &vectors
}

// answerBytes is an answer as given: a string, or {"hex": ...} for bytes
// that are not UTF-8.
func answerBytes(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return []byte(text)
	}
	var h struct{ Hex string }
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	b, err := hex.DecodeString(h.Hex)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func query(m map[string]string) StatusQuery {
	return StatusQuery{TradeScene: m["trade_scene"], JumpScene: m["jump_scene"],
		PlateNumber: m["plate_number"]}
}

// bodyPairs reads a request body with encoding/xml: one <xml> root, each
// child a text element, in order.
func bodyPairs(body string) ([]pair, error) {
	d := xml.NewDecoder(strings.NewReader(body))
	var out []pair
	depth := 0
	var name string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			if depth == 0 && len(out) > 0 && errors.Is(err, io.EOF) {
				return out, nil
			}
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 && tok.Name.Local != "xml" || depth > 2 {
				return nil, fmt.Errorf("element %s at depth %d", tok.Name.Local, depth)
			}
			name = tok.Name.Local
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			if depth == 2 {
				out = append(out, pair{name, text.String()})
			}
			depth--
		default:
			return nil, fmt.Errorf("unexpected %T", tok)
		}
	}
}

// checkRequestSign recomputes the body's sign with crypto/hmac.
func checkRequestSign(body string, key []byte) error {
	pairs, err := bodyPairs(body)
	if err != nil {
		return err
	}
	last := pairs[len(pairs)-1]
	if last.key != "sign" {
		return fmt.Errorf("the last element is %s, not sign", last.key)
	}
	if want := v2Sign(pairs, key); last.value != want {
		return fmt.Errorf("sign %s, crypto/hmac says %s", last.value, want)
	}
	return nil
}

func TestStatusRequestVectors(t *testing.T) {
	vs := loadVectors(t)
	variants := map[string]bool{}
	for i, v := range vs.Requests {
		p := v.Params.params()
		body, err := StatusRequest(p, query(v.Query))
		if err != nil {
			t.Errorf("request %d: %v", i, err)
			continue
		}
		if body != v.Body {
			t.Errorf("request %d:\n got %s\nwant %s", i, body, v.Body)
		}
		if err := checkRequestSign(body, []byte(vs.Key)); err != nil {
			t.Errorf("request %d: %v", i, err)
		}
		if string(p.APIKey) != vs.Key {
			t.Errorf("request %d: the caller's key became %q", i, p.APIKey)
		}
		variants[v.Variant] = true
	}
	if len(variants) != 4 {
		t.Errorf("the vectors cover %v", variants)
	}
}

// A request without a nonce gets a fresh one, signed like the rest.
func TestStatusRequestGeneratedNonce(t *testing.T) {
	vs := loadVectors(t)
	seen := map[string]bool{}
	for _, id := range []string{"v3", "v2-partner"} {
		p := vs.Identities[id].params()
		p.OpenID = exampleOpenID
		for _, q := range []StatusQuery{{TradeScene: "GAS"},
			{TradeScene: "BRIDGE", JumpScene: "H5", PlateNumber: "京A12345"}} {
			body, err := StatusRequest(p, q)
			if err != nil {
				t.Fatalf("%s %+v: %v", id, q, err)
			}
			m := regexp.MustCompile(`<nonce_str>([A-Za-z0-9]{32})</nonce_str>`).FindStringSubmatch(body)
			if m == nil || seen[m[1]] {
				t.Errorf("%s: nonce %v in %s", id, m, body)
			} else {
				seen[m[1]] = true
			}
			if err := checkRequestSign(body, []byte(vs.Key)); err != nil {
				t.Errorf("%s: %v", id, err)
			}
			if len(body) >= StatusRequestMax {
				t.Errorf("%s: %d bytes", id, len(body))
			}
		}
	}
}

func statusParams(change func(*Params)) Params {
	p := Params{AppID: exampleAppID, MchID: exampleMchID, OpenID: exampleOpenID,
		APIKey: []byte(exampleKey)}
	change(&p)
	return p
}

type statusErrorCase struct {
	errorCase
	query StatusQuery
}

var parking = StatusQuery{TradeScene: "PARKING"}

// Every refusal of a request, with field, offset and the whole message; a
// NUL is named as such, as for Compose.
var statusRequestErrors = []statusErrorCase{
	{errorCase{"no key in v3", statusParams(func(p *Params) { p.APIKey = nil }),
		Error{StatusMissing, FieldAPIKey, 0, "api_key: the status query is signed with the APIv2 key in every variant"}}, parking},
	{errorCase{"NUL in the key", statusParams(func(p *Params) { p.APIKey = []byte("7mdApPMfXddfWc6A\x008HhRZ0aQpMCdq1m") }),
		Error{StatusCharset, FieldAPIKey, 16, "api_key: byte 16 is not allowed; expected exactly 32 letters or digits"}}, parking},
	{errorCase{"no trade_scene", statusParams(func(*Params) {}),
		Error{StatusMissing, FieldTradeScene, 0, "trade_scene: required by the status query"}}, StatusQuery{}},
	{errorCase{"no openid and no plate", statusParams(func(p *Params) { p.OpenID = "" }),
		Error{StatusMissing, FieldOpenID, 0, "openid: the status query needs openid or plate_number"}}, parking},
	{errorCase{"partner: no openid, sub_openid or plate", Params{Variant: V2Partner,
		AppID: exampleAppID, MchID: exampleMchID, SubAppID: exampleSubAppID,
		SubMchID: exampleSubMchID, APIKey: []byte(exampleKey)},
		Error{StatusMissing, FieldOpenID, 0, "openid: the status query needs openid, sub_openid or plate_number"}}, parking},
	{errorCase{"trade_scene lowercase", statusParams(func(*Params) {}),
		Error{StatusCharset, FieldTradeScene, 0, "trade_scene: byte 0 is 'p'; expected an uppercase letter or a space"}},
		StatusQuery{TradeScene: "parking"}},
	{errorCase{"NUL in trade_scene", statusParams(func(*Params) {}),
		Error{StatusCharset, FieldTradeScene, 4, "trade_scene: byte 4 is 0x00; expected an uppercase letter or a space"}},
		StatusQuery{TradeScene: "PARK\x00NG"}},
	{errorCase{"unknown jump_scene", statusParams(func(*Params) {}),
		Error{StatusFormat, FieldJumpScene, 0, "jump_scene: not APP or H5 (absent: a mini program)"}},
		StatusQuery{TradeScene: "GAS", JumpScene: "WEB"}},
	{errorCase{"plate too short", statusParams(func(*Params) {}),
		Error{StatusFormat, FieldPlateNumber, 6, "plate_number: ends at byte 6; expected 6 or 7 letters and digits after the province"}},
		StatusQuery{TradeScene: "GAS", PlateNumber: "粤B88"}},
	{errorCase{"plate without a province", statusParams(func(*Params) {}),
		Error{StatusFormat, FieldPlateNumber, 0, "plate_number: does not start with one of the 31 province abbreviations"}},
		StatusQuery{TradeScene: "GAS", PlateNumber: "XB888888"}},
	{errorCase{"NUL in a relaxed plate", statusParams(func(p *Params) { p.Flags = Relaxed }),
		Error{StatusCharset, FieldPlateNumber, 5, "plate_number: byte 5 is 0x00; expected a letter, a digit or a non-ASCII character"}},
		StatusQuery{TradeScene: "GAS", PlateNumber: "粤B8\x0088"}},
	{errorCase{"unknown variant", statusParams(func(p *Params) { p.Variant = 7 }),
		Error{StatusArg, FieldNone, 0, "variant: 7 is not a variant (0 to 3)"}}, parking},
}

func TestStatusRequestErrors(t *testing.T) {
	for _, c := range statusRequestErrors {
		body, err := StatusRequest(c.params, c.query)
		checkError(t, c.name, err, c.errorCase)
		if body != "" {
			t.Errorf("%s: a failure returned %q", c.name, body)
		}
	}
}

func TestStatusURL(t *testing.T) {
	const pay, partner = "/vehicle/pay/querystate", "/vehicle/partnerpay/querystate"
	for v, path := range map[Variant]string{V3Merchant: pay, V3Partner: partner,
		V2Merchant: pay, V2Partner: partner} {
		for backup, host := range map[bool]string{false: "https://api.mch.weixin.qq.com",
			true: "https://api2.mch.weixin.qq.com"} {
			if got, err := StatusURL(v, backup); err != nil || got != host+path {
				t.Errorf("StatusURL(%v, %v) = %q, %v", v, backup, got, err)
			}
		}
	}
	for _, v := range []Variant{4, -1, 1 << 40} {
		u, err := StatusURL(v, false)
		checkError(t, fmt.Sprint("StatusURL ", int(v)), err, errorCase{want: Error{
			Status: StatusArg, Message: fmt.Sprintf("variant: %d is not a variant (0 to 3)", int(v))}})
		if u != "" {
			t.Errorf("StatusURL(%d) = %q", int(v), u)
		}
	}
}

// differs names the members of a vector's result (which lists only some)
// that r and w do not have; "" when all match.
func differs(m map[string]any, r StatusResult, w *WeChatError) string {
	if w == nil {
		w = &WeChatError{}
	}
	got := map[string]any{"state": float64(r.State), "user_state": r.UserState,
		"deduct_mode": r.DeductMode, "openid": r.OpenID,
		"sub_openid": r.SubOpenID, "path": r.Path,
		"plate_number_info": r.PlateNumberInfo, "plate_number": r.PlateNumber,
		"return_msg": w.ReturnMsg, "err_code": w.ErrCode,
		"err_code_des": w.ErrCodeDes}
	var bad []string
	for k, v := range m {
		if g, ok := got[k]; !ok || g != v {
			bad = append(bad, fmt.Sprintf("%s %q, want %q", k, g, v))
		}
	}
	return strings.Join(bad, "; ")
}

// shown is every way an error prints.
func shown(err error) string {
	return err.Error() + fmt.Sprintf(" %v %+v %#v %s", err, err, err, err)
}

func TestParseStatusVectors(t *testing.T) {
	vs := loadVectors(t)
	verdicts := map[Status]bool{}
	for _, v := range vs.Answers {
		p := vs.Identities[v.Identity].params()
		answer := answerBytes(t, v.Answer)
		r, err := ParseStatus(p, answer)
		verdicts[v.Status] = true
		if v.Status == StatusOK {
			if err != nil {
				t.Errorf("%s: %v", v.Name, err)
			} else if d := differs(v.Result, r, nil); d != "" {
				t.Errorf("%s: %s", v.Name, d)
			}
			// The state's name is the text WeChat sent, or unknown.
			if r.UserState == "" || r.State != StateUnknown && r.State.String() != r.UserState ||
				r.State == StateUnknown && (r.UserState == "NORMAL" || r.UserState == "OVERDUE") {
				t.Errorf("%s: %+v", v.Name, r)
			}
			continue
		}
		if r != (StatusResult{}) {
			t.Errorf("%s: a failure returned %+v", v.Name, r)
		}
		var e *Error
		if !errors.As(err, &e) || e.Status != v.Status {
			t.Errorf("%s: %v, want %v", v.Name, err, v.Status)
			continue
		}
		if v.Offset != nil && e.Offset != *v.Offset {
			t.Errorf("%s: offset %d, want %d (%s)", v.Name, e.Offset, *v.Offset, e.Message)
		}
		if strings.Contains(shown(err), vs.Key) {
			t.Errorf("%s: the key shows in %s", v.Name, shown(err))
		}
		var w *WeChatError
		isWords := errors.As(err, &w)
		if fail := v.Status == StatusReturnFail || v.Status == StatusResultFail; isWords != fail {
			t.Errorf("%s: %T", v.Name, err)
			continue
		}
		if isWords {
			if d := differs(v.Result, r, w); w.Err != e || d != "" {
				t.Errorf("%s: %+v: %s", v.Name, w, d)
			}
		} else if v.Result != nil {
			t.Errorf("%s: a refusal with a result %v", v.Name, v.Result)
		}
		if string(p.APIKey) != vs.Key {
			t.Errorf("%s: the caller's key became %q", v.Name, p.APIKey)
		}
	}
	for _, s := range []Status{StatusOK, StatusTooLong, StatusTooLarge, StatusXML,
		StatusDuplicate, StatusReturnFail, StatusSignature, StatusEcho,
		StatusResultFail, StatusNoState} {
		if !verdicts[s] {
			t.Errorf("no vector for %v", s)
		}
	}
}

// WeChat's words: in the error's text, quoted, after the library's
// message.
func TestWeChatErrorText(t *testing.T) {
	vs := loadVectors(t)
	want := map[string]string{
		"return_code FAIL keeps return_msg": `repayjump: answer: return_code is not SUCCESS (see return_msg); return_msg "签名错误"`,
		"result_code FAIL keeps err_code":   `repayjump: answer: result_code is not SUCCESS (see err_code and err_code_des); err_code "SYSTEMERROR", err_code_des "系统错误"`,
	}
	for _, v := range vs.Answers {
		if w, ok := want[v.Name]; ok {
			_, err := ParseStatus(vs.Identities[v.Identity].params(), answerBytes(t, v.Answer))
			if err == nil || err.Error() != w {
				t.Errorf("%s: %v", v.Name, err)
			}
			delete(want, v.Name)
		}
	}
	if len(want) > 0 {
		t.Errorf("vectors not found: %v", want)
	}
	// A line break or quote in WeChat's words cannot forge a log line.
	answer := []byte("<xml><return_code>FAIL</return_code><return_msg>a\nb\"c</return_msg></xml>")
	_, err := ParseStatus(vs.Identities["v3"].params(), answer)
	if err == nil || !strings.HasSuffix(err.Error(), `; return_msg "a\nb\"c"`) {
		t.Errorf("%q", err)
	}
}

func TestParseStatusIdentity(t *testing.T) {
	vs := loadVectors(t)
	answer := answerBytes(t, vs.Answers[0].Answer)
	p := vs.Identities["v3"].params()
	p.APIKey = nil
	_, err := ParseStatus(p, answer)
	checkError(t, "parse without a key", err, errorCase{want: Error{Status: StatusMissing,
		Field: FieldAPIKey, Message: "api_key: the status query is signed with the APIv2 key in every variant"}})
	p = vs.Identities["v3"].params()
	p.Variant = 9
	_, err = ParseStatus(p, answer)
	checkError(t, "parse, variant 9", err, errorCase{want: Error{Status: StatusArg,
		Message: "variant: 9 is not a variant (0 to 3)"}})
	// Any openid or nonce of the identity is ignored.
	p = vs.Identities["v3"].params()
	p.OpenID, p.NonceStr = "someone_else", exampleNonce
	if r, err := ParseStatus(p, answer); err != nil || r.State != StateOverdue {
		t.Errorf("%+v, %v", r, err)
	}
	// Nothing and nil are answers like any other: not XML.
	for _, a := range [][]byte{nil, {}} {
		_, err := ParseStatus(p, a)
		var e *Error
		if !errors.As(err, &e) || e.Status != StatusXML || e.Offset != 0 {
			t.Errorf("%q: %v", a, err)
		}
	}
}

// Goroutines build every request and read every answer at once; each
// outcome equals the vector's.
func TestConcurrentStatus(t *testing.T) {
	vs := loadVectors(t)
	const goroutines, rounds = 16, 20
	answers := make([][]byte, len(vs.Answers))
	for i, a := range vs.Answers {
		answers[i] = answerBytes(t, a.Answer)
	}
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				rq := vs.Requests[(g+i)%len(vs.Requests)]
				body, err := StatusRequest(rq.Params.params(), query(rq.Query))
				if err != nil || body != rq.Body {
					errs <- fmt.Errorf("request: %q, %v", body, err)
					return
				}
				k := (g*rounds + i) % len(vs.Answers)
				a := vs.Answers[k]
				r, err := ParseStatus(vs.Identities[a.Identity].params(), answers[k])
				var e *Error
				if a.Status == StatusOK && (err != nil || differs(a.Result, r, nil) != "") ||
					a.Status != StatusOK && (!errors.As(err, &e) || e.Status != a.Status) {
					errs <- fmt.Errorf("%s: %+v, %v", a.Name, r, err)
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

func TestUserStateNames(t *testing.T) {
	names := map[UserState]string{StateUnknown: "unknown", StateNormal: "NORMAL",
		StatePaused: "PAUSED", StateOverdue: "OVERDUE",
		StateUnauthorized: "UNAUTHORIZED", 5: "UserState(5)", -1: "UserState(-1)"}
	for s, want := range names {
		if got := s.String(); got != want {
			t.Errorf("UserState(%d).String() = %q, want %q", int(s), got, want)
		}
	}
	if !(StatusResult{State: StateOverdue}).Repay() || (StatusResult{State: StateNormal}).Repay() {
		t.Error("Repay is not OVERDUE")
	}
}

// The answers' text is UTF-8 as WeChat sent it, byte for byte.
func TestParseStatusKeepsUTF8(t *testing.T) {
	vs := loadVectors(t)
	for _, v := range vs.Answers {
		if v.Name != "trusted OVERDUE, CDATA" {
			continue
		}
		r, err := ParseStatus(vs.Identities[v.Identity].params(), answerBytes(t, v.Answer))
		if err != nil || r.PlateNumber != "粤B888888" ||
			!bytes.Contains([]byte(r.PlateNumberInfo), []byte("粤B888888")) {
			t.Errorf("%+v, %v", r, err)
		}
		return
	}
	t.Error("vector not found")
}
