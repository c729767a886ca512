globalThis.context = {
