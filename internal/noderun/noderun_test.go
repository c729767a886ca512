package noderun

import (
	"strings"
	"testing"
)

// CheckArgs counts as Go's start-up lays the strings out (NUL-terminated,
// 8-byte aligned, a pointer each and two ends) and names what to cut.
func TestCheckArgs(t *testing.T) {
	big := strings.Repeat("x", 4000)
	if err := CheckArgs([]string{"prog"}, []string{"A=" + big}); err != nil {
		t.Errorf("4 kB of environment: %v", err)
	}
	err := CheckArgs([]string{"prog"}, []string{"A=" + big, "B=" + big + big})
	if err == nil || !strings.Contains(err.Error(), "largest variable is B (8000 bytes)") {
		t.Errorf("12 kB of environment: %v", err)
	}
	err = CheckArgs([]string{"prog", big + big + big}, []string{"A=x"})
	if err == nil || !strings.Contains(err.Error(), "the arguments alone take 12016") {
		t.Errorf("12 kB of arguments: %v", err)
	}
	// Exactly at the limit: three pointers and one string with its NUL.
	if err := CheckArgs([]string{strings.Repeat("y", 8192-24-1)}, nil); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if err := CheckArgs([]string{strings.Repeat("y", 8192-24)}, nil); err == nil {
		t.Error("one byte past the limit passed")
	}
}
