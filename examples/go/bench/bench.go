// Command bench compares the binding's Compose (APIv3 merchant, all four
// outputs, a fresh nonce) with the same job in pure Go, and prints the
// median ns/op of each and their ratio.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"reflect"
	"sort"
	"testing"
	"time"

	"repayjump"
)

var params = repayjump.Params{
	AppID:  "wxcbda96de0b165486",
	MchID:  "1900009231",
	OpenID: "oUpF8uMEb4qRXf22hE3X68TekukE",
}

// nsPerOp times n calls of job.
func nsPerOp(n int, job func() error) float64 {
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := job(); err != nil {
			log.Fatal(err)
		}
	}
	return float64(time.Since(start).Nanoseconds()) / float64(n)
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// sameOutputs checks once that, for the same nonce, pure Go's outputs
// parse to the same values as the library's. (The bytes differ only where
// json.Marshal escapes the App path's & as \u0026.)
func sameOutputs() {
	p := params
	p.NonceStr = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
	lib, err := repayjump.Compose(p)
	if err != nil {
		log.Fatal(err)
	}
	pure, err := pureCompose(p)
	if err != nil {
		log.Fatal(err)
	}
	same := lib.NonceStr == pure.NonceStr && lib.AppPath == pure.AppPath
	for _, docs := range [][2]string{{lib.ExtraDataJSON, pure.ExtraDataJSON},
		{lib.NavigateJSON, pure.NavigateJSON},
		{lib.AppLaunchJSON, pure.AppLaunchJSON}} {
		var a, b any
		if json.Unmarshal([]byte(docs[0]), &a) != nil ||
			json.Unmarshal([]byte(docs[1]), &b) != nil || !reflect.DeepEqual(a, b) {
			same = false
		}
	}
	if !same {
		log.Fatalf("outputs differ:\nlibrary %+v\npure Go %+v", lib, pure)
	}
}

func main() {
	n := flag.Int("n", 2000, "calls per repeat")
	repeats := flag.Int("repeats", 31, "repeats, interleaved; the median is reported")
	flag.Parse()
	if err := repayjump.Load(); err != nil {
		log.Fatal(err)
	}
	sameOutputs()

	jobs := []struct {
		name string
		run  func() error
	}{
		{"compose, binding", func() error { _, err := repayjump.Compose(params); return err }},
		{"compose, pure Go", func() error { _, err := pureCompose(params); return err }},
		{"nonce, binding", func() error { _, err := repayjump.Nonce(32); return err }},
		{"nonce, pure Go", func() error { _, err := pureNonce(); return err }},
	}
	times := make([][]float64, len(jobs))
	for r := 0; r < *repeats; r++ {
		for j, job := range jobs { // interleaved, so drift hits all alike
			times[j] = append(times[j], nsPerOp(*n, job.run))
		}
	}
	med := make([]float64, len(jobs))
	for j, job := range jobs {
		med[j] = median(times[j])
		fmt.Printf("%-18s %8.0f ns/op  (median of %d x %d)\n", job.name, med[j], *repeats, *n)
	}
	for _, j := range []int{0, 1} {
		allocs := testing.AllocsPerRun(100, func() { _ = jobs[j].run() })
		fmt.Printf("%-18s %8.0f allocs/op\n", jobs[j].name, allocs)
	}
	fmt.Printf("compose ratio, binding / pure Go: %.2f\n", med[0]/med[1])
	fmt.Printf("nonce ratio, binding / pure Go:   %.2f\n", med[2]/med[3])
}
