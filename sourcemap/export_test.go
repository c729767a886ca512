package sourcemap

// NormalizeSources is for the naming test, which runs as package
// sourcemap_test so that it may bundle the loader.
var NormalizeSources = normalizeSources
