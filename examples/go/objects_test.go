package repayjump

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// objectVectorsEnv names the shared object vectors
// (tests/objects/vectors.json), which ctest passes; by hand, the tree's
// copy is used.
const objectVectorsEnv = "REPAYJUMP_OBJECT_VECTORS"

// objectCase is one object and what the checker finds in it: kind, variant
// and every finding as [code, field] in the object's order (nil: none).
type objectCase struct {
	Name     string          `json:"name"`
	Input    json.RawMessage `json:"input"`
	Kind     *string         `json:"kind"`
	Variant  *string         `json:"variant"`
	Findings [][2]*string    `json:"findings"`
}

func loadObjectVectors(t *testing.T) []objectCase {
	t.Helper()
	path := os.Getenv(objectVectorsEnv)
	if path == "" {
		path = "../../tests/objects/vectors.json"
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", objectVectorsEnv, err)
	}
	var doc struct {
		Cases []objectCase `json:"cases"`
	}
	if err := json.Unmarshal(text, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(doc.Cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return doc.Cases
}

// orderedPairs reads a JSON object into pairs in its order, with
// json.Decoder's tokens: a string member as a string, any other as its
// json.RawMessage, so that an object member keeps its members' order.
func orderedPairs(text []byte) ([]Pair, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("want an object, got %v (%v)", tok, err)
	}
	var pairs []Pair
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		var value any = raw
		if raw[0] == '"' {
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, err
			}
			value = s
		}
		pairs = append(pairs, Pair{tok.(string), value})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	return pairs, nil
}

// codeFields is each finding as the vectors write it: "code field", the
// field "null" when the finding concerns none.
func codeFields(r CheckResult) []string {
	out := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		field := "null"
		if f.Field != FieldNone {
			field = f.Field.String()
		}
		out[i] = f.Code.String() + " " + field
	}
	return out
}

func (c objectCase) want() (kind, variant string, findings []string) {
	kind, variant = "none", "null"
	if c.Kind != nil {
		kind = *c.Kind
	}
	if c.Variant != nil {
		variant = *c.Variant
	}
	findings = make([]string, len(c.Findings))
	for i, f := range c.Findings {
		field := "null"
		if f[1] != nil {
			field = *f[1]
		}
		findings[i] = *f[0] + " " + field
	}
	return kind, variant, findings
}

func variantName(v Variant) string {
	if v == VariantNone {
		return "null"
	}
	return v.Name()
}

// Every object of the shared vectors: decoded in order and checked with
// CheckPairs (extraData, a json.RawMessage, opened in its order), the
// findings exactly the vectors' in their order; decoded into a map and
// checked with CheckMap (extraData a map, opened in key order), the same
// findings in key order.
func TestCheckObjectVectors(t *testing.T) {
	for _, c := range loadObjectVectors(t) {
		kind, variant, wants := c.want()
		pairs, err := orderedPairs(c.Input)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		r := mustCheckPairs(t, pairs, nil)
		if r.Kind.String() != kind || variantName(r.Variant) != variant ||
			!reflect.DeepEqual(codeFields(r), wants) {
			t.Errorf("%s: in order: kind %v, variant %s, findings %q; want "+
				"kind %s, variant %s, findings %q\n%s", c.Name, r.Kind,
				variantName(r.Variant), codeFields(r), kind, variant, wants,
				describe(r))
		}
		expectCounts(t, c.Name, r)

		var m map[string]any
		if err := json.Unmarshal(c.Input, &m); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		r, err = CheckMap(m, nil)
		if err != nil {
			t.Fatalf("%s: CheckMap: %v", c.Name, err)
		}
		got := codeFields(r)
		sort.Strings(got)
		sorted := append(make([]string, 0, len(wants)), wants...)
		sort.Strings(sorted)
		if r.Kind.String() != kind || variantName(r.Variant) != variant ||
			!reflect.DeepEqual(got, sorted) {
			t.Errorf("%s: map: kind %v, variant %s, findings %q; want "+
				"kind %s, variant %s, findings %q\n%s", c.Name, r.Kind,
				variantName(r.Variant), got, kind, variant, sorted, describe(r))
		}
		expectCounts(t, c.Name+" (map)", r)
	}
}

// The document's navigator as a map: the AppID's trailing space is
// navigate.app_id on appId, at byte 18 of its value; the nonce's is
// value.space on extraData's member, named as it was sent.
func TestCheckNavigateMap(t *testing.T) {
	nav := map[string]any{
		"appId": TargetAppID + " ",
		"path":  TargetPath,
		"extraData": map[string]any{"appid": exampleAppID,
			"mchid": exampleMchID, "nonce_str": exampleNonce + " ",
			"openid": exampleOpenID},
	}
	r, err := CheckMap(nav, nil)
	if err != nil {
		t.Fatal(err)
	}
	expectFindings(t, "navigate map", r,
		want{"navigate.app_id", "appId", 18, 1},
		want{"value.space", "extraData.nonce_str", 32, 1})
	if r.Kind != KindNavigate || r.Variant != V3Merchant {
		t.Errorf("navigate map: kind %v, variant %v", r.Kind, r.Variant)
	}
	// The map's keys in order: appId, extraData and its members, path.
	if f := r.Findings[0]; !f.InValue || f.Pair != 0 || f.Field != FieldNone {
		t.Errorf("appId: %+v", f)
	}
	if f := r.Findings[1]; !f.InValue || f.Pair != 4 || f.Field != FieldNonceStr {
		t.Errorf("nonce_str: %+v", f)
	}

	// extraData encoded twice: the string, then its members in their
	// order, so that the nonce's space is still found.
	twice := `{"openid": "` + exampleOpenID + `", "nonce_str": "` + exampleNonce +
		` ", "mchid": "` + exampleMchID + `", "appid": "` + exampleAppID + `"}`
	r = mustCheckPairs(t, []Pair{{"appId", TargetAppID}, {"path", TargetPath},
		{"extraData", twice}}, nil)
	expectFindings(t, "encoded twice", r,
		want{"navigate.extra_data", "extraData", -1, 0},
		want{"value.space", "extraData.nonce_str", 32, 1})
	if f := r.Findings[1]; f.Pair != 4 {
		t.Errorf("encoded twice: nonce_str is pair %d, want 4", f.Pair)
	}
}

// What CheckPairs sends: extraData's members after it, keyed
// extraData.<key>, in their order for JSON text and in key order for a
// map; nothing for a value that is no object, for an object under another
// key, or for one inside extraData; the caller's slice as it was.
func TestWithMembers(t *testing.T) {
	member := func(k string, v any) Pair { return Pair{"extraData." + k, v} }
	cases := []struct {
		name string
		in   []Pair
		want []Pair
	}{
		{"a map, in key order",
			[]Pair{{"path", "p"}, {"extraData", map[string]any{"b": "2", "a": 1.0}},
				{"appId", "x"}},
			[]Pair{{"path", "p"}, {"extraData", map[string]any{"b": "2", "a": 1.0}},
				member("a", 1.0), member("b", "2"), {"appId", "x"}}},
		{"JSON text, in its order",
			[]Pair{{"extraData", json.RawMessage(`{"b": "2", "a": [1, 2]}`)}},
			[]Pair{{"extraData", json.RawMessage(`{"b": "2", "a": [1, 2]}`)},
				member("b", "2"), member("a", json.RawMessage(`[1, 2]`))}},
		{"a JSON string of an object",
			[]Pair{{"extraData", ` {"b": "\u0032", "a": null}`}},
			[]Pair{{"extraData", ` {"b": "\u0032", "a": null}`},
				member("b", "2"), member("a", json.RawMessage(`null`))}},
		{"only the top level",
			[]Pair{{"extraData", map[string]any{"extraData": map[string]any{"a": "1"}}}},
			[]Pair{{"extraData", map[string]any{"extraData": map[string]any{"a": "1"}}},
				member("extraData", map[string]any{"a": "1"})}},
		{"another key's object", []Pair{{"data", map[string]any{"a": "1"}}},
			[]Pair{{"data", map[string]any{"a": "1"}}}},
		{"a string that is no object", []Pair{{"extraData", `{"a": "1"`}},
			[]Pair{{"extraData", `{"a": "1"`}}},
		{"an array", []Pair{{"extraData", json.RawMessage(`[{"a": "1"}]`)}},
			[]Pair{{"extraData", json.RawMessage(`[{"a": "1"}]`)}}},
		{"a nil map", []Pair{{"extraData", map[string]any(nil)}},
			[]Pair{{"extraData", map[string]any(nil)}}},
	}
	for _, c := range cases {
		in := append([]Pair(nil), c.in...)
		got := withMembers(in)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if !reflect.DeepEqual(in, c.in) {
			t.Errorf("%s: the caller's pairs became %v", c.name, in)
		}
	}
}

// A member that is not a string is json.not_string, its text as written.
func TestCheckExtraDataMemberNotString(t *testing.T) {
	r := mustCheckPairs(t, []Pair{{"appId", TargetAppID}, {"path", TargetPath},
		{"extraData", json.RawMessage(`{"appid": "` + exampleAppID +
			`", "mchid": 1900009231, "nonce_str": "` + exampleNonce +
			`", "openid": "` + exampleOpenID + `"}`)}}, nil)
	expectFindings(t, "number mchid", r,
		want{"json.not_string", "extraData.mchid", -1, 0})
	if f := r.Findings[0]; !strings.Contains(f.Fix, `"1900009231"`) || f.Pair != 4 {
		t.Errorf("number mchid: %+v", f)
	}
}

// Compose's navigate argument and launch request check clean as objects,
// as maps and in order (v2 without its key: one sign.unverified note, on
// extraData's sign for the navigate argument).
func TestCheckComposedObjects(t *testing.T) {
	for _, v := range allVariants {
		r, err := Compose(fullParams(v))
		if err != nil {
			t.Fatal(err)
		}
		v2 := v == V2Merchant || v == V2Partner
		for _, doc := range []struct {
			text, kind, signKey string
		}{{r.NavigateJSON, "navigate", "extraData.sign"},
			{r.AppLaunchJSON, "app_launch", "sign"}} {
			var m map[string]any
			if err := json.Unmarshal([]byte(doc.text), &m); err != nil {
				t.Fatal(err)
			}
			ordered, err := orderedPairs([]byte(doc.text))
			if err != nil {
				t.Fatal(err)
			}
			var wants []want
			if v2 {
				wants = []want{{"sign.unverified", doc.signKey, -1, 0}}
			}
			for how, pairs := range map[string][]Pair{
				"map": sortedPairs(m, ""), "in order": ordered} {
				what := fmt.Sprintf("%v %s %s", v, doc.kind, how)
				res := mustCheckPairs(t, pairs, nil)
				expectFindings(t, what, res, wants...)
				if res.Kind.String() != doc.kind || res.Variant != v {
					t.Errorf("%s: kind %v, variant %v", what, res.Kind, res.Variant)
				}
			}
		}
	}
}
