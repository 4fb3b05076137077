import { loadAnalysis } from '../conventions/analysis.js';
import type { Analysis, AnalysisOptions } from '../conventions/analysis.js';
import { designSystemUsage } from '../conventions/design-system.js';
import type { DesignSystemUsage } from '../conventions/design-system.js';
import { conventionsSection } from '../conventions/index.js';

/**
 * The server's view of the repository: the last analysis, checked against the working tree before a
 * request when it is older than `freshMs` (an unchanged tree reuses the scan cache's whole result, so a
 * check costs a listing; an edited one re-analyses only the edited files). Derived data is kept per
 * analysis.
 */
export class Session {
  private analysis: Analysis | null = null;
  private checkedAt = 0;
  private derived = new Map<string, unknown>();

  constructor(
    readonly options: AnalysisOptions,
    private readonly freshMs = 2000,
  ) {}

  current(): Analysis {
    const now = Date.now();
    if (!this.analysis || now - this.checkedAt > this.freshMs) {
      const next = loadAnalysis(this.options);
      if (!this.analysis || next.key !== this.analysis.key) {
        this.analysis = next;
        this.derived.clear();
      }
      this.checkedAt = Date.now();
    }
    return this.analysis;
  }

  private memo<T>(name: string, compute: (a: Analysis) => T): T {
    const a = this.current();
    if (!this.derived.has(name)) this.derived.set(name, compute(a));
    return this.derived.get(name) as T;
  }

  designSystem(): DesignSystemUsage | null {
    return this.memo('design-system', designSystemUsage);
  }

  conventionsText(): string {
    return this.memo('conventions', (a) => conventionsSection(a).section);
  }
}
