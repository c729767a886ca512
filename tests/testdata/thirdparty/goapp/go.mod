module goapptest

go 1.24

require github.com/maxence-charriere/go-app/v10 v10.1.3

require github.com/google/uuid v1.6.0 // indirect
