/** Public API of @platform/k8s-data (filled by its layer; see docs/adding-an-addon.md). */
export {};
