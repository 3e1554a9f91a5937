package repayjump

import (
	"fmt"
	"sync"
	"testing"
)

// Many goroutines compose every variant and make nonces at once; every
// output is checked and no nonce may repeat.
func TestConcurrentComposeAndNonce(t *testing.T) {
	const goroutines, rounds = 32, 25
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		nonces = map[string]bool{}
		errs   []error
	)
	record := func(nonce string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
		} else if nonces[nonce] {
			errs = append(errs, fmt.Errorf("nonce %s repeated", nonce))
		}
		nonces[nonce] = true
	}
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				p := fullParams(allVariants[(g+i)%len(allVariants)])
				r, err := Compose(p)
				if err == nil {
					err = checkResult(p, r)
				}
				record(r.NonceStr, err)
				n, err := Nonce(FieldMax)
				if err == nil && !nonceShape.MatchString(n) {
					err = fmt.Errorf("nonce %q", n)
				}
				record(n, err)
			}
		}(g)
	}
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	if len(nonces) != 2*goroutines*rounds {
		t.Errorf("%d distinct nonces, want %d", len(nonces), 2*goroutines*rounds)
	}
}
