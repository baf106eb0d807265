/** Public API of @platform/k8s-observability (filled by its layer; see docs/adding-an-addon.md). */
export {};
