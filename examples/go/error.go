package repayjump

import (
	"errors"
	"fmt"
)

// Error is a failure reported by the library: which rule, which field, and
// the byte offset of the first offending byte in that field's value. Use
// errors.As to get it from any error this package returns. Message is one
// English line and never contains the API key.
type Error struct {
	Status  Status
	Field   Field
	Offset  int
	Message string // e.g. "mchid: byte 4 is 'x'; expected a digit"
}

func (e *Error) Error() string { return "repayjump: " + e.Message }

// ErrNotLoaded wraps every failure to load the library; the wrapping error
// says what was tried and what to do.
var ErrNotLoaded = errors.New("repayjump: library not loaded")

func loadError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrNotLoaded}, args...)...)
}
