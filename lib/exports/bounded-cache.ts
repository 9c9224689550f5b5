/**
 * Results kept by key, at most `max` of them. When full it starts afresh rather than tracking use: a page needs a
 * handful of keys (the periods and times on screen), which come back at once, and a tab left open for days cannot
 * grow it without bound.
 */
export function boundedCache<V>(max: number): (key: string, compute: () => V) => V {
  const values = new Map<string, V>();
  return (key, compute) => {
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (values.size >= max) values.clear();
    values.set(key, value);
    return value;
  };
}
