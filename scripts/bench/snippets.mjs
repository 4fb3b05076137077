// Helpers that get copied from feature to feature instead of being shared: the copy-paste debt. Each
// feature takes each snippet with its `rate`, verbatim, into its utils.ts.

export const SNIPPETS = [
  {
    name: 'debounce',
    rate: 0.05,
    code: `export function debounce<A extends unknown[]>(fn: (...args: A) => void, wait = 300): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, wait);
  };
}
`,
  },
  {
    name: 'formatCurrency',
    rate: 0.04,
    code: `export function formatCurrency(value: number, currency = 'USD'): string {
  if (!Number.isFinite(value)) return '-';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs >= 1_000_000) return \`\${sign}\${currency} \${(abs / 1_000_000).toFixed(1)}M\`;
  if (abs >= 1_000) return \`\${sign}\${currency} \${(abs / 1_000).toFixed(1)}k\`;
  return \`\${sign}\${currency} \${abs.toFixed(2)}\`;
}
`,
  },
  {
    name: 'groupBy',
    rate: 0.04,
    code: `export function groupBy<T, K extends string | number>(items: readonly T[], keyOf: (item: T) => K): Record<K, T[]> {
  const out = {} as Record<K, T[]>;
  for (const item of items) {
    const key = keyOf(item);
    if (!out[key]) out[key] = [];
    out[key].push(item);
  }
  return out;
}
`,
  },
  {
    name: 'downloadCsv',
    rate: 0.03,
    code: `export function downloadCsv(filename: string, rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  const escape = (cell: string | number) => {
    const text = String(cell);
    return /[",\\n]/.test(text) ? \`"\${text.replace(/"/g, '""')}"\` : text;
  };
  const csv = rows.map((row) => row.map(escape).join(',')).join('\\n');
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename.endsWith('.csv') ? filename : \`\${filename}.csv\`;
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  URL.revokeObjectURL(url);
}
`,
  },
  {
    name: 'retry',
    rate: 0.03,
    code: `export async function withRetry<T>(task: () => Promise<T>, attempts = 3, delayMs = 500): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await task();
    } catch (error) {
      lastError = error;
      if (attempt < attempts - 1) {
        await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt));
      }
    }
  }
  throw lastError;
}
`,
  },
  {
    name: 'pagination',
    rate: 0.04,
    code: `export function pageNumbers(current: number, totalPages: number, span = 2): Array<number | '…'> {
  const pages: Array<number | '…'> = [];
  const start = Math.max(1, current - span);
  const end = Math.min(totalPages, current + span);
  if (start > 1) {
    pages.push(1);
    if (start > 2) pages.push('…');
  }
  for (let page = start; page <= end; page++) pages.push(page);
  if (end < totalPages) {
    if (end < totalPages - 1) pages.push('…');
    pages.push(totalPages);
  }
  return pages;
}
`,
  },
  {
    name: 'storage',
    rate: 0.03,
    code: `export function readStored<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function writeStored<T>(key: string, value: T): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the preference is simply not kept
  }
}
`,
  },
  {
    name: 'sortBy',
    rate: 0.04,
    code: `export function sortByKey<T>(items: readonly T[], key: keyof T, direction: 'asc' | 'desc' = 'asc'): T[] {
  const factor = direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (x < y ? -1 : 1) * factor;
  });
}
`,
  },
  {
    name: 'initials',
    rate: 0.03,
    code: `export function initials(fullName: string, max = 2): string {
  return fullName
    .split(/\\s+/)
    .filter(Boolean)
    .slice(0, max)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}
`,
  },
  {
    name: 'percent',
    rate: 0.03,
    code: `export function percentChange(previous: number, current: number): string {
  if (previous === 0) return current === 0 ? '0%' : 'new';
  const change = ((current - previous) / Math.abs(previous)) * 100;
  const rounded = Math.round(change * 10) / 10;
  return \`\${rounded > 0 ? '+' : ''}\${rounded}%\`;
}
`,
  },
];
