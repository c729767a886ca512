// Package geo holds types that typed exports of another package take and
// return.
package geo

// Point is a point in the plane.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Base is embedded by main.Summary: its fields are promoted.
type Base struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
}
