package repayjump

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// The document's example values, and further ones for the partner and v2
// variants (README "Variants and outputs").
const (
	exampleAppID     = "wxcbda96de0b165486"
	exampleMchID     = "1900009231"
	exampleOpenID    = "oUpF8uMEb4qRXf22hE3X68TekukE"
	exampleNonce     = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
	exampleSubAppID  = "wx8888888888888888"
	exampleSubMchID  = "1900000109"
	exampleSubOpenID = "oUpF8uN95-Ptaags6E_roPHg7AG0"
	exampleKey       = "7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ"
)

// fullParams has every field its variant can use.
func fullParams(v Variant) Params {
	p := Params{Variant: v, AppID: exampleAppID, MchID: exampleMchID,
		OpenID: exampleOpenID}
	if v == V3Partner || v == V2Partner {
		p.SubAppID, p.SubMchID, p.SubOpenID =
			exampleSubAppID, exampleSubMchID, exampleSubOpenID
	}
	if v == V2Merchant || v == V2Partner {
		p.APIKey = []byte(exampleKey)
	}
	return p
}

var allVariants = []Variant{V3Merchant, V3Partner, V2Merchant, V2Partner}

// pair is one emitted key and value, in order.
type pair struct{ key, value string }

// expectedPairs is what the contract says a variant emits for p, in its
// order (API.md, "Variants"), with sign_type and sign for v2.
func expectedPairs(p Params, nonce, sign string) []pair {
	v2 := p.Variant == V2Merchant || p.Variant == V2Partner
	partner := p.Variant == V3Partner || p.Variant == V2Partner
	mch := "mchid"
	if v2 {
		mch = "mch_id"
	}
	var out []pair
	add := func(k, v string) {
		if v != "" {
			out = append(out, pair{k, v})
		}
	}
	add("appid", p.AppID)
	if partner {
		add("sub_appid", p.SubAppID)
	}
	add(mch, p.MchID)
	if partner {
		add("sub_mch_id", p.SubMchID)
	}
	add("nonce_str", nonce)
	add("openid", p.OpenID)
	if partner {
		add("sub_openid", p.SubOpenID)
	}
	if v2 {
		add("sign_type", "HMAC-SHA256")
		add("sign", sign)
	}
	return out
}

// v2Sign is WeChat Pay's APIv2 signature computed with Go's own crypto:
// every pair but sign, sorted by key, k=v joined by &, then &key=KEY,
// HMAC-SHA256 keyed with KEY, uppercase hex.
func v2Sign(pairs []pair, key []byte) string {
	var parts []string
	for _, kv := range pairs {
		if kv.key != "sign" {
			parts = append(parts, kv.key+"="+kv.value)
		}
	}
	sort.Strings(parts)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(strings.Join(parts, "&") + "&key=" + string(key)))
	return strings.ToUpper(hex.EncodeToString(mac.Sum(nil)))
}
