package repayjump

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestParamsNeverShowTheKey(t *testing.T) {
	p := fullParams(V2Partner)
	shown := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X",
		"%d", "%v (pointer)", "%+v (pointer)", "%#v (pointer)"} {
		if strings.HasSuffix(verb, "(pointer)") {
			shown[verb] = fmt.Sprintf(strings.Fields(verb)[0], &p)
		} else {
			shown[verb] = fmt.Sprintf(verb, p)
		}
	}
	shown["String"] = p.String()
	shown["GoString"] = p.GoString()
	shown["Println"] = fmt.Sprintln(p, []Params{p}, map[string]Params{"k": p})
	j, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	shown["json"] = string(j)

	// The key as text, and as the decimal and hex bytes %d and %x give.
	leaks := []string{exampleKey, fmt.Sprint([]byte(exampleKey)),
		fmt.Sprintf("%x", exampleKey), fmt.Sprintf("%X", exampleKey),
		exampleKey[:8]}
	for how, s := range shown {
		for _, leak := range leaks {
			if strings.Contains(s, leak) {
				t.Errorf("%s shows the key: %s", how, s)
			}
		}
	}
	if want := "APIKey:[redacted]}"; !strings.HasSuffix(shown["%v"], want) {
		t.Errorf("%%v = %s, want it to end with %s", shown["%v"], want)
	}
	if !strings.Contains(shown["%+v"], "SubOpenID:"+exampleSubOpenID) ||
		!strings.Contains(shown["%#v"], `SubOpenID:"`+exampleSubOpenID+`"`) {
		t.Errorf("the other fields are not shown: %s / %s", shown["%+v"], shown["%#v"])
	}
	if strings.Contains(shown["json"], "APIKey") {
		t.Errorf("json has the key's member: %s", shown["json"])
	}
}

func TestParamsWithoutKey(t *testing.T) {
	p := fullParams(V3Merchant)
	if s := fmt.Sprint(p); !strings.HasSuffix(s, "APIKey:[]}") {
		t.Errorf("%%v = %s", s)
	}
	want := `repayjump.Params{Variant:repayjump.V3Merchant, Flags:0x0, ` +
		`AppID:"wxcbda96de0b165486", MchID:"1900009231", NonceStr:"", ` +
		`OpenID:"oUpF8uMEb4qRXf22hE3X68TekukE", SubAppID:"", SubMchID:"", ` +
		`SubOpenID:"", APIKey:[]byte(nil)}`
	if s := fmt.Sprintf("%#v", p); s != want {
		t.Errorf("%%#v = %s\nwant %s", s, want)
	}
}

// The buffer that carried the key into C is zeroed when the call returns:
// the pooled buffers that Compose used must not hold it.
func TestKeyCopyWiped(t *testing.T) {
	p := fullParams(V2Partner)
	used := 0
	for i := 0; i < 100; i++ {
		if _, err := Compose(p); err != nil {
			t.Fatal(err)
		}
		s := composeScratch.Get().(*composeCall)
		if cap(s.buf) > 0 {
			used++
			if bytes.Contains(s.buf[:cap(s.buf)], []byte(exampleKey)) {
				t.Fatal("a pooled buffer still holds the key")
			}
		}
		composeScratch.Put(s)
	}
	if used == 0 {
		t.Fatal("no used buffer came back from the pool: nothing was checked")
	}
}
