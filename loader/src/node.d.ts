// The one Node global the loader reads outside Node-only code, declared
// here so that the package's types need no @types/node.
declare var process: { versions?: { node?: string } } | undefined;
