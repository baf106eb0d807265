/** Public API of @platform/k8s-golden-path (filled by its layer; see docs/adding-an-addon.md). */
export {};
