package main

import (
	"encoding/json"
	"fmt"
	"log"

	"repayjump"
)

func main() {
	// The App path of WeChat's document (its iOS sample), verbatim.
	path := "pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486" +
		"&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin"
	r, err := repayjump.CheckText(path, nil) // nil: infer the variant, no key
	if err != nil {
		log.Fatal(err)
	}
	report(r)

	// An extraData object as some code sent it, read with encoding/json.
	var extraData map[string]any
	if err := json.Unmarshal([]byte(`{"appid": "wxcbda96de0b165486", "mchid": 1900009231,
		"nonce_str": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "openid": "oUpF8uMEb4qRXf22hE3X68TekukE"}`),
		&extraData); err != nil {
		log.Fatal(err)
	}
	if r, err = repayjump.CheckMap(extraData, nil); err != nil {
		log.Fatal(err)
	}
	report(r)
}

func report(r repayjump.CheckResult) {
	for _, f := range r.Findings {
		where := "" // a map has no positions: offsets count bytes of the value
		if f.InValue {
			where = " of its value"
		}
		fmt.Printf("%s, byte %d%s: %v[%v]: %s\n  fix: %s\n",
			f.Key, f.Offset, where, f.Severity, f.Code, f.Message, f.Fix)
	}
	fmt.Printf("%d errors, %d warnings, %d notes\n", r.Errors, r.Warnings, r.Notes)
}
