//go:build tools

// Package goapptest is a module that requires go-app, so that TestTestCommandGoApp
// can run go-app's own browser tests with buildwasm test.
package goapptest

import _ "github.com/maxence-charriere/go-app/v10/pkg/app"
