package jspatch

var RuntimeQuiet = runtimeQuiet
