module github.com/buildwasm/buildwasm/shim

go 1.24
