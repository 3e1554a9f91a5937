package main

import (
	"fmt"
	"log"

	"repayjump"
)

func main() {
	r, err := repayjump.Compose(repayjump.Params{
		Variant: repayjump.V3Merchant, // the default: APIv3 merchant, strict rules
		AppID:   "wxcbda96de0b165486",
		MchID:   "1900009231",
		OpenID:  "oUpF8uMEb4qRXf22hE3X68TekukE",
		// NonceStr left empty: a fresh one comes from libsodium
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("extraData:", r.ExtraDataJSON)
	fmt.Println("App path: ", r.AppPath)
}
