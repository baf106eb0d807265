/** Public API of @platform/k8s-mesh (filled by its layer; see docs/adding-an-addon.md). */
export {};
