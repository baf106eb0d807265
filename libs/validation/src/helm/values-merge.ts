type Values = Record<string, unknown>;

/** Helm's coalescing of user values over chart defaults: maps merge, `null` deletes, the rest replaces. */
export function coalesce(base: Values, override: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = coalesce(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

export function isMap(v: unknown): v is Values {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

