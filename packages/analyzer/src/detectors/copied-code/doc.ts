/** One file of a copied-code run: its tokens, lines and fingerprints, decoded when first needed. */

import type { FileFacts } from '../../facts.js';
import { decodeLines, decodeTokens } from '../../facts/clone-tokens.js';
import type { CloneTokenFacts, TokenLines } from '../../facts/clone-tokens.js';
import type { Unit, UnitDoc } from '../shared/near-copies.js';
import { fingerprintsOf } from './matching.js';
import type { Fingerprints } from './matching.js';

/** A file's tokens, decoded when first needed (most files share no fingerprint with another). */
export class Doc implements UnitDoc {
  private decoded?: Uint32Array;
  private decodedShape?: Uint32Array;
  private lineInfo?: TokenLines;
  constructor(
    readonly facts: FileFacts,
    private readonly t: CloneTokenFacts,
  ) {}
  get length(): number {
    return this.t.count;
  }
  get tokens(): Uint32Array {
    return (this.decoded ??= decodeTokens(this.t));
  }
  /** the abstracted stream (type-2 and type-3 matching) */
  get shape(): Uint32Array {
    return (this.decodedShape ??= decodeTokens(this.t, 'shape'));
  }
  get names(): readonly string[] {
    return this.t.names ?? [];
  }
  /** the file's named functions, methods and components */
  units(doc: number): Unit[] {
    const r = this.t.units ?? [];
    const out: Unit[] = [];
    for (let i = 0; i < r.length; i += 2) {
      const start = r[i]!;
      const end = r[i + 1]!;
      out.push({ doc, start, end, name: this.t.unitNames?.[i / 2] ?? '', line: this.lines[start]!, endLine: this.lines[end - 1]! });
    }
    return out;
  }
  get lines(): Uint32Array {
    return (this.lineInfo ??= decodeLines(this.t)).line;
  }
  /** [first, last] line pairs of comments saying a copy is deliberate */
  get deliberate(): readonly number[] {
    return this.t.deliberate ?? [];
  }
  get columns(): Map<number, [number, number]> {
    return (this.lineInfo ??= decodeLines(this.t)).columns;
  }
  /** kept with the file version's facts: the snapshots of `trend` share most of them */
  fingerprints(k: number, w: number): Fingerprints {
    const key = `${k},${w}`;
    const kept = FINGERPRINTS.get(this.t);
    if (kept?.key === key) return kept.fp;
    const fp = fingerprintsOf(this.tokens, k, w);
    FINGERPRINTS.set(this.t, { key, fp });
    return fp;
  }
}
const FINGERPRINTS = new WeakMap<CloneTokenFacts, { key: string; fp: Fingerprints }>();
