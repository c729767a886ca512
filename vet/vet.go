// Package vet lists buildwasm's analyzers for Go code that runs in the
// browser (GOOS=js GOARCH=wasm), for drivers other than buildwasm vet:
//
//	multichecker.Main(vet.Analyzers...)      // a command of your own
//	unitchecker.Main(vet.Analyzers...)       // a tool for go vet -vettool
//
// Linters that load analyzers by value (golangci-lint's plugins, gopls)
// take funcrelease.Analyzer and callbackblock.Analyzer one by one.
// The packages analysed must be loaded for js/wasm: syscall/js builds for
// nothing else.
package vet

import (
	"golang.org/x/tools/go/analysis"

	"github.com/buildwasm/buildwasm/vet/callbackblock"
	"github.com/buildwasm/buildwasm/vet/funcrelease"
)

// Analyzers are buildwasm's analyzers, the ones buildwasm vet runs.
var Analyzers = []*analysis.Analyzer{
	funcrelease.Analyzer,
	callbackblock.Analyzer,
}
