/** Public API of @platform/k8s-dr (filled by its layer; see docs/adding-an-addon.md). */
export {};
