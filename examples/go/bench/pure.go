package main

import (
	"crypto/rand"
	"encoding/json"
	"net/url"

	"repayjump"
)

// The same job in pure Go, the way a Go backend would write it without the
// library: encoding/json, net/url and crypto/rand. It validates nothing.

type extraData struct {
	AppID    string `json:"appid"`
	MchID    string `json:"mchid"`
	NonceStr string `json:"nonce_str"`
	OpenID   string `json:"openid"`
}

type navigate struct {
	AppID      string    `json:"appId"`
	Path       string    `json:"path"`
	ExtraData  extraData `json:"extraData"`
	EnvVersion string    `json:"envVersion"`
}

type appLaunch struct {
	UserName        string `json:"userName"`
	Path            string `json:"path"`
	MiniProgramType int    `json:"miniProgramType"`
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// pureNonce draws 32 characters from crypto/rand without modulo bias, as
// the library does: bytes of 248 and above are skipped.
func pureNonce() (string, error) {
	var out [32]byte
	var raw [64]byte
	n := 0
	for n < len(out) {
		if _, err := rand.Read(raw[:]); err != nil {
			return "", err
		}
		for _, b := range raw {
			if b < 248 && n < len(out) {
				out[n] = alphabet[b%62]
				n++
			}
		}
	}
	return string(out[:]), nil
}

func marshal(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// pureCompose builds the four outputs of an APIv3 merchant; an empty nonce
// means a fresh one.
func pureCompose(p repayjump.Params) (repayjump.Result, error) {
	var r repayjump.Result
	var err error
	if r.NonceStr = p.NonceStr; r.NonceStr == "" {
		if r.NonceStr, err = pureNonce(); err != nil {
			return r, err
		}
	}
	extra := extraData{p.AppID, p.MchID, r.NonceStr, p.OpenID}
	if r.ExtraDataJSON, err = marshal(extra); err != nil {
		return r, err
	}
	if r.NavigateJSON, err = marshal(navigate{repayjump.TargetAppID,
		repayjump.TargetPath, extra, "release"}); err != nil {
		return r, err
	}
	// url.Values.Encode sorts its keys, which is the contract's order for
	// these four.
	r.AppPath = repayjump.TargetPath + "?" + url.Values{"appid": {p.AppID},
		"mchid": {p.MchID}, "nonce_str": {r.NonceStr}, "openid": {p.OpenID}}.Encode()
	r.AppLaunchJSON, err = marshal(appLaunch{repayjump.TargetUsername, r.AppPath, 0})
	return r, err
}
