/** Public API of @platform/k8s-security (filled by its layer; see docs/adding-an-addon.md). */
export {};
