package repayjump

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"testing"
)

var nonceShape = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)

// checkResult checks every output of r against the contract for p, parsing
// each with encoding/json or net/url and signing with crypto/hmac.
func checkResult(p Params, r Result) error {
	if p.NonceStr != "" && r.NonceStr != p.NonceStr {
		return fmt.Errorf("nonce %q, want the given %q", r.NonceStr, p.NonceStr)
	}
	if p.NonceStr == "" && !nonceShape.MatchString(r.NonceStr) {
		return fmt.Errorf("generated nonce %q is not 32 letters or digits", r.NonceStr)
	}
	want := expectedPairs(p, r.NonceStr, "")
	if p.Variant == V2Merchant || p.Variant == V2Partner {
		want = expectedPairs(p, r.NonceStr, v2Sign(want, p.APIKey))
		if r.Sign != want[len(want)-1].value {
			return fmt.Errorf("sign %s, want %s", r.Sign, want[len(want)-1].value)
		}
	} else if r.Sign != "" {
		return fmt.Errorf("sign %q outside v2", r.Sign)
	}

	extra, err := parseObject(r.ExtraDataJSON)
	if err != nil {
		return err
	}
	if got, err := pairsOf(extra); err != nil || !reflect.DeepEqual(got, want) {
		return fmt.Errorf("extraData %v (%v), want %v", got, err, want)
	}

	nav, err := parseObject(r.NavigateJSON)
	if err != nil {
		return err
	}
	wantNav := []member{{"appId", TargetAppID}, {"path", TargetPath},
		{"extraData", extra}, {"envVersion", "release"}}
	if !reflect.DeepEqual(nav, wantNav) {
		return fmt.Errorf("navigate %v, want %v", nav, wantNav)
	}

	path, query, err := parseAppPath(r.AppPath)
	if err != nil {
		return err
	}
	if path != TargetPath || !reflect.DeepEqual(query, want) {
		return fmt.Errorf("app path %s ? %v, want %s ? %v", path, query, TargetPath, want)
	}

	launch, err := parseObject(r.AppLaunchJSON)
	if err != nil {
		return err
	}
	wantLaunch := []member{{"userName", TargetUsername}, {"path", r.AppPath},
		{"miniProgramType", json.Number("0")}}
	if !reflect.DeepEqual(launch, wantLaunch) {
		return fmt.Errorf("app launch %v, want %v", launch, wantLaunch)
	}
	return nil
}

func TestComposeEveryVariant(t *testing.T) {
	for _, v := range allVariants {
		for _, nonce := range []string{"", exampleNonce} {
			p := fullParams(v)
			p.NonceStr = nonce
			r, err := Compose(p)
			if err != nil {
				t.Fatalf("%v nonce %q: %v", v, nonce, err)
			}
			if err := checkResult(p, r); err != nil {
				t.Errorf("%v nonce %q: %v", v, nonce, err)
			}
		}
	}
}

func TestComposeOptionalFields(t *testing.T) {
	cases := map[string]Params{
		"no openid allowed": {AppID: exampleAppID, MchID: exampleMchID,
			Flags: AllowNoOpenID},
		"partner, sub_openid only": {Variant: V3Partner, AppID: exampleAppID,
			MchID: exampleMchID, SubAppID: exampleSubAppID,
			SubMchID: exampleSubMchID, SubOpenID: exampleSubOpenID},
		"partner, no sub_appid": {Variant: V2Partner, AppID: exampleAppID,
			MchID: exampleMchID, SubMchID: exampleSubMchID,
			OpenID: exampleOpenID, APIKey: []byte(exampleKey)},
		"relaxed ids and key": {Variant: V2Merchant, Flags: Relaxed,
			AppID: "test_App-1", MchID: "mch-A_1", OpenID: exampleOpenID,
			APIKey: []byte("k!#$%&()*+,./:;<=>?@[]^`{|}~")},
	}
	for name, p := range cases {
		r, err := Compose(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := checkResult(p, r); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestRenderMatchesCompose(t *testing.T) {
	for _, v := range allVariants {
		p := fullParams(v)
		p.NonceStr = exampleNonce
		r, err := Compose(p)
		if err != nil {
			t.Fatal(err)
		}
		want := map[Format]string{ExtraDataJSON: r.ExtraDataJSON,
			NavigateJSON: r.NavigateJSON, AppPath: r.AppPath,
			AppLaunchJSON: r.AppLaunchJSON}
		for format, w := range want {
			got, err := Render(format, p)
			if err != nil || got != w {
				t.Errorf("%v %v: %q (%v), want %q", v, format, got, err, w)
			}
		}
	}
}

// The signatures published in the README and in WeChat Pay's document check
// the test's own signing, so that it cannot agree with a wrong library.
func TestSignReference(t *testing.T) {
	wechat := []pair{{"appid", "wxd930ea5d5a258f4f"}, {"body", "test"},
		{"device_info", "1000"}, {"mch_id", "10000100"},
		{"nonce_str", "ibuaiVcKdpRxkhJA"}}
	if got := v2Sign(wechat, []byte("192006250b4c09247ec02edce69f6a2d")); got !=
		"6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6" {
		t.Errorf("WeChat's example signs to %s", got)
	}
	p := fullParams(V2Merchant)
	p.NonceStr = exampleNonce
	r, err := Compose(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Sign != "3952AFE499501C0E01362E97696C64F411385ADE58BA01B8F7BFF0896C4BDAC8" {
		t.Errorf("README's APIv2 example signs to %s", r.Sign)
	}
}

func TestComposeLeavesCallersKey(t *testing.T) {
	p := fullParams(V2Merchant)
	if _, err := Compose(p); err != nil {
		t.Fatal(err)
	}
	if string(p.APIKey) != exampleKey {
		t.Errorf("the caller's key became %q", p.APIKey)
	}
}

func TestNonce(t *testing.T) {
	for _, n := range []int{1, 16, FieldMax} {
		s, err := Nonce(n)
		if err != nil || !regexp.MustCompile(fmt.Sprintf(`^[A-Za-z0-9]{%d}$`, n)).MatchString(s) {
			t.Errorf("Nonce(%d) = %q, %v", n, s, err)
		}
	}
}

func TestLibraryInfo(t *testing.T) {
	info, err := LibraryInfo()
	if err != nil {
		t.Fatal(err)
	}
	n := info.VersionNumber
	if want := fmt.Sprintf("%d.%d.%d", n>>16, n>>8&0xff, n&0xff); info.Version != want {
		t.Errorf("version %q, number 0x%06x", info.Version, n)
	}
	if v, err := Version(); err != nil || v != info.Version {
		t.Errorf("Version() = %q, %v", v, err)
	}
	got := [3]string{info.TargetAppID, info.TargetUsername, info.TargetPath}
	if got != [3]string{TargetAppID, TargetUsername, TargetPath} {
		t.Errorf("the library's targets are %q", got)
	}
}
