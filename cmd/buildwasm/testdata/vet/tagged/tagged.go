// Package tagged leaks only when built with the tag vetextra.
package tagged
