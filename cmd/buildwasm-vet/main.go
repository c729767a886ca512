// Command buildwasm-vet runs buildwasm's analyzers under go vet:
//
//	go install github.com/buildwasm/buildwasm/cmd/buildwasm-vet@latest
//	GOOS=js GOARCH=wasm go vet -vettool=$(which buildwasm-vet) ./...
//
// buildwasm vet does the same without a second binary.
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/buildwasm/buildwasm/vet"
)

func main() { unitchecker.Main(vet.Analyzers...) }
