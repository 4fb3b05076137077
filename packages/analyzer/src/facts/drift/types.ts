// The facts the drift extractor collects per file (facts/drift.ts re-exports them).

/** A place in the file (1-based), its enclosing symbol path, and the code that identifies it. */
export interface SiteFact {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  symbolPath: string;
  code: string;
}

/** One choice of a library role used in this file: its first site and how many sites there are. */
export interface RoleUsageFact extends SiteFact {
  role: string;
  choice: string;
  via: 'import' | 'global' | 'method' | 'chain' | 'class-name';
  count: number;
}

/** An import with the range of its specifier (for layers, deep imports and wrapper consumers). */
export interface ImportSiteFact {
  specifier: string;
  kind: 'import' | 'export-from' | 'require' | 'dynamic';
  /** imported names (`default`, `*`, named); empty for side-effect imports */
  names: string[];
  typeOnly: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** An export of this file whose code uses a choice of a role: a wrapper candidate. */
export interface CarriedFact {
  export: string;
  role: string;
  choice: string;
  /** a generic client (`axios.create`, or takes the URL/classes from its caller and is named like one) */
  generic: boolean;
  /** an id generator of a custom format (built with nanoid's `customAlphabet`): short keys, not UUIDs */
  customFormat?: boolean;
  line: number;
}

/** Sites of one idiom variant in this file: the first one and how many. */
export interface IdiomSiteFact extends SiteFact {
  idiom: string;
  variant: string;
  count: number;
  /** for promise chains: where the chain starts (its `.then` and `.catch` sites share it, and are reported once) */
  chain?: number;
}

/** A `useEffect` that loads data into state, and what it calls to do so. */
export interface EffectFetchFact extends SiteFact {
  /** calls an HTTP library or the fetch global directly */
  direct: boolean;
  /** functions imported from elsewhere that it calls: the detector checks whether they fetch */
  calls: Array<{ specifier: string; name: string }>;
}

export interface DriftFacts {
  usages: RoleUsageFact[];
  imports: ImportSiteFact[];
  carried: CarriedFact[];
  idioms: IdiomSiteFact[];
  effects: EffectFetchFact[];
  /** a route config (`app/routes.ts`): the route module files it names, relative to its directory */
  routeModules?: string[];
}
