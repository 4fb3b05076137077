/**
 * The drift catalog: library roles (the concerns a codebase solves with one library or another) and
 * idiom families (the syntax-level ways of writing the same thing). Pattern drift is judged per role
 * and per idiom: the dominant choice is the convention, the others are drift.
 *
 * Everything here is data. Adding a role is adding an entry to ROLES; adding a choice is adding an
 * entry to a role's `choices`. Both surfaces read it: the analyzer's `drift` facts and the ESLint rule
 * `library-drift`.
 */

/** How a file shows that it uses one choice of a role. Every matcher is optional. */
export interface ChoiceDefinition {
  /** stable id, used in decisions (`use`, `instead`) and in the JSON metrics */
  id: string;
  /** how messages name it */
  label: string;
  /**
   * Import specifiers: `axios` matches `axios` and `axios/...`; `lodash/*` matches only subpaths;
   * `lodash.*` (a `*` elsewhere) matches package names by prefix, e.g. `lodash.debounce`.
   */
  packages?: readonly string[];
  /** only these imported names count (a regular expression source), e.g. date-fns's `format*` */
  names?: string;
  /** import specifiers matched by a regular expression, e.g. CSS modules */
  specifierPattern?: string;
  /**
   * Calls (or `new`) of globals: `fetch`, `crypto.randomUUID`, `Intl.DateTimeFormat`, `jest.*`. Only the
   * real global counts: a name declared in scope (a parameter, a local, an import) is not it, and
   * `window.`, `globalThis.` and `self.` prefixes are the global.
   */
  globals?: readonly string[];
  /** packages whose import binds a global's root to the same thing, e.g. node's `crypto` */
  globalFrom?: readonly string[];
  /** method calls by name, on any receiver, e.g. `toLocaleDateString` */
  methods?: readonly string[];
  /**
   * Method calls on a chain rooted at this choice's import, e.g. `dayjs(d).format()`. When set, the
   * import alone does not count for this role: only these calls do.
   */
  chainMethods?: readonly string[];
  /** utility classes in `className` (Tailwind) */
  utilityClasses?: boolean;
  /** calls that create a configured client (`axios.create`): an export holding one is a wrapper */
  instanceFactories?: readonly string[];
  /** choices used together with this one by design (tRPC runs on React Query): not drift against it */
  companions?: readonly string[];
}

export interface RoleDefinition {
  /** stable id, used in decisions (`role`) and in the JSON metrics */
  id: string;
  /** how messages name the role */
  title: string;
  /** `code`: judged outside tests; `tests`: judged only in test files */
  scope: 'code' | 'tests';
  choices: readonly ChoiceDefinition[];
  /**
   * Whether a project-local wrapper counts as a choice of its own: an exported function or client that
   * uses a choice of this role and is imported by other files (an `api/client.ts` around fetch). A
   * wrapper is generic when it creates a configured client (`axios.create`) or passes its caller's
   * arguments on; `namePattern` (a regular expression source) is what the export or its file must then
   * be called, to tell a client from a domain function (`getInvoice`); `anyArguments`: the name alone
   * decides (an id generator takes no input worth passing on).
   */
  wrappers?: { namePattern?: string; anyArguments?: boolean };
  /**
   * Measured (metrics, drift index) but reported only under a declared decision: for roles where one
   * file's choice may serve another purpose than its neighbours' (formatting a date key for a query
   * and a date for a person look alike).
   */
  advisory?: boolean;
}

/** Names of generic HTTP clients: `api`, `apiClient`, `http`, `fetcher`, `request`, `authFetch`, ... */
const HTTP_CLIENT_NAMES =
  '^(api|client|http|request|requests|fetcher|sdk|instance|axios|ky|\\$fetch|fetchJson|fetchJSON|fetchApi|fetchAPI|fetchWith[A-Z]\\w*|fetchData|customFetch|apiFetch|apiRequest|httpRequest|makeRequest|sendRequest)$|(Client|Api|API|Http|HTTP|Fetcher|Fetch|Request|Instance|Sdk|SDK)$|^(api|http|fetch|request)[-_.]?(client|util|utils|helper|helpers|wrapper|instance)?$';

export const ROLES: readonly RoleDefinition[] = [
  {
    id: 'http',
    title: 'HTTP client',
    scope: 'code',
    wrappers: { namePattern: HTTP_CLIENT_NAMES },
    choices: [
      { id: 'fetch', label: 'fetch', globals: ['fetch'], companions: ['node-fetch'] },
      { id: 'axios', label: 'axios', packages: ['axios'], instanceFactories: ['axios.create'] },
      { id: 'ky', label: 'ky', packages: ['ky', 'ky-universal'], instanceFactories: ['ky.create', 'ky.extend'] },
      { id: 'got', label: 'got', packages: ['got'], instanceFactories: ['got.extend'] },
      { id: 'superagent', label: 'superagent', packages: ['superagent'] },
      { id: 'ofetch', label: 'ofetch', packages: ['ofetch'], instanceFactories: ['ofetch.create'] },
      { id: 'wretch', label: 'wretch', packages: ['wretch'] },
      { id: 'redaxios', label: 'redaxios', packages: ['redaxios'], instanceFactories: ['redaxios.create'] },
      {
        id: 'node-fetch',
        label: 'node-fetch',
        packages: ['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch'],
        companions: ['fetch'],
      },
    ],
  },
  {
    id: 'dates',
    title: 'date library',
    scope: 'code',
    choices: [
      { id: 'moment', label: 'moment', packages: ['moment', 'moment-timezone'] },
      { id: 'dayjs', label: 'dayjs', packages: ['dayjs'] },
      { id: 'date-fns', label: 'date-fns', packages: ['date-fns', 'date-fns-tz', '@date-fns/*'] },
      { id: 'luxon', label: 'luxon', packages: ['luxon'] },
    ],
  },
  {
    id: 'date-formatting',
    title: 'date formatting (library or Intl)',
    scope: 'code',
    advisory: true,
    wrappers: {},
    choices: [
      {
        id: 'intl',
        label: 'Intl (toLocaleDateString, Intl.DateTimeFormat)',
        globals: ['Intl.DateTimeFormat', 'Intl.RelativeTimeFormat'],
        methods: ['toLocaleDateString', 'toLocaleTimeString'],
      },
      { id: 'date-fns', label: 'date-fns format', packages: ['date-fns', 'date-fns-tz'], names: '^(format|intlFormat|lightFormat)' },
      { id: 'dayjs', label: 'dayjs format', packages: ['dayjs'], chainMethods: ['format', 'fromNow', 'toNow', 'calendar'] },
      {
        id: 'moment',
        label: 'moment format',
        packages: ['moment', 'moment-timezone'],
        chainMethods: ['format', 'fromNow', 'toNow', 'calendar'],
      },
      {
        id: 'luxon',
        label: 'luxon format',
        packages: ['luxon'],
        chainMethods: ['toFormat', 'toRelative', 'toRelativeCalendar', 'toLocaleString'],
      },
    ],
  },
  {
    id: 'global-state',
    title: 'global state',
    scope: 'code',
    choices: [
      { id: 'redux', label: 'Redux', packages: ['redux', 'react-redux', '@reduxjs/toolkit'] },
      { id: 'zustand', label: 'zustand', packages: ['zustand'] },
      { id: 'mobx', label: 'MobX', packages: ['mobx', 'mobx-react', 'mobx-react-lite', 'mobx-state-tree'] },
      { id: 'jotai', label: 'jotai', packages: ['jotai'] },
      { id: 'recoil', label: 'Recoil', packages: ['recoil'] },
      { id: 'valtio', label: 'valtio', packages: ['valtio'] },
      { id: 'effector', label: 'effector', packages: ['effector', 'effector-react'] },
    ],
  },
  {
    id: 'server-data',
    title: 'server data',
    scope: 'code',
    choices: [
      { id: 'react-query', label: 'TanStack Query', packages: ['@tanstack/react-query', 'react-query'] },
      { id: 'swr', label: 'SWR', packages: ['swr'] },
      { id: 'apollo', label: 'Apollo Client', packages: ['@apollo/client', 'apollo-client', 'react-apollo'] },
      { id: 'urql', label: 'urql', packages: ['urql', '@urql/*'] },
      {
        id: 'trpc',
        label: 'tRPC',
        packages: ['@trpc/react-query', '@trpc/next', '@trpc/client', '@trpc/tanstack-react-query'],
        companions: ['react-query'],
      },
      { id: 'relay', label: 'Relay', packages: ['react-relay', 'relay-runtime'] },
    ],
  },
  {
    id: 'styling',
    title: 'styling',
    scope: 'code',
    choices: [
      { id: 'tailwind', label: 'Tailwind', utilityClasses: true },
      { id: 'css-modules', label: 'CSS modules', specifierPattern: '\\.module\\.(css|scss|sass|less|styl)$', companions: ['sass'] },
      { id: 'styled-components', label: 'styled-components', packages: ['styled-components'] },
      { id: 'emotion', label: 'Emotion', packages: ['@emotion/react', '@emotion/styled', '@emotion/css'] },
      { id: 'vanilla-extract', label: 'vanilla-extract', packages: ['@vanilla-extract/css', '@vanilla-extract/recipes'] },
      { id: 'sass', label: 'Sass', specifierPattern: '\\.(scss|sass)$', companions: ['css-modules'] },
      { id: 'stitches', label: 'Stitches', packages: ['@stitches/react'] },
      { id: 'linaria', label: 'Linaria', packages: ['@linaria/core', '@linaria/react', 'linaria'] },
      { id: 'jss', label: 'JSS (makeStyles)', packages: ['@mui/styles', 'react-jss'] },
    ],
  },
  {
    id: 'class-names',
    title: 'class-name helper',
    scope: 'code',
    wrappers: {},
    choices: [
      { id: 'clsx', label: 'clsx', packages: ['clsx'], companions: ['tailwind-merge'] },
      { id: 'classnames', label: 'classnames', packages: ['classnames'], companions: ['tailwind-merge'] },
      { id: 'tailwind-merge', label: 'tailwind-merge', packages: ['tailwind-merge'], companions: ['clsx', 'classnames'] },
    ],
  },
  {
    id: 'validation',
    title: 'validation',
    scope: 'code',
    choices: [
      { id: 'zod', label: 'zod', packages: ['zod'] },
      { id: 'yup', label: 'yup', packages: ['yup'] },
      { id: 'joi', label: 'joi', packages: ['joi', '@hapi/joi'] },
      { id: 'valibot', label: 'valibot', packages: ['valibot'] },
      { id: 'superstruct', label: 'superstruct', packages: ['superstruct'] },
      { id: 'arktype', label: 'ArkType', packages: ['arktype'] },
      { id: 'class-validator', label: 'class-validator', packages: ['class-validator'] },
    ],
  },
  {
    id: 'forms',
    title: 'forms',
    scope: 'code',
    choices: [
      { id: 'react-hook-form', label: 'React Hook Form', packages: ['react-hook-form', '@hookform/*'] },
      { id: 'formik', label: 'Formik', packages: ['formik'] },
      { id: 'final-form', label: 'Final Form', packages: ['react-final-form', 'final-form'] },
      { id: 'tanstack-form', label: 'TanStack Form', packages: ['@tanstack/react-form'] },
      { id: 'conform', label: 'Conform', packages: ['@conform-to/*'] },
      { id: 'mantine-form', label: 'Mantine form', packages: ['@mantine/form'] },
    ],
  },
  {
    id: 'test-runner',
    title: 'test runner',
    scope: 'tests',
    choices: [
      { id: 'vitest', label: 'Vitest', packages: ['vitest'], globals: ['vi.*'] },
      { id: 'jest', label: 'Jest', packages: ['@jest/globals'], globals: ['jest.*'] },
      { id: 'mocha', label: 'Mocha', packages: ['mocha'] },
      { id: 'node-test', label: 'node:test', packages: ['node:test'] },
      { id: 'ava', label: 'AVA', packages: ['ava'] },
      { id: 'jasmine', label: 'Jasmine', globals: ['jasmine.*'] },
    ],
  },
  {
    id: 'icons',
    title: 'icon set',
    scope: 'code',
    choices: [
      { id: 'lucide', label: 'lucide-react', packages: ['lucide-react'] },
      { id: 'react-icons', label: 'react-icons', packages: ['react-icons'] },
      { id: 'heroicons', label: 'Heroicons', packages: ['@heroicons/react'] },
      { id: 'fontawesome', label: 'Font Awesome', packages: ['@fortawesome/*'] },
      { id: 'tabler', label: 'Tabler icons', packages: ['@tabler/icons-react', '@tabler/icons'] },
      { id: 'phosphor', label: 'Phosphor', packages: ['@phosphor-icons/react', 'phosphor-react'] },
      { id: 'radix-icons', label: 'Radix icons', packages: ['@radix-ui/react-icons'] },
      { id: 'mui-icons', label: 'MUI icons', packages: ['@mui/icons-material'] },
      { id: 'iconify', label: 'Iconify', packages: ['@iconify/react'] },
      { id: 'feather', label: 'react-feather', packages: ['react-feather'] },
      { id: 'ant-icons', label: 'Ant Design icons', packages: ['@ant-design/icons'] },
    ],
  },
  {
    id: 'utility-belt',
    title: 'utility library',
    scope: 'code',
    choices: [
      // per-method first: `lodash/debounce` and the `lodash.debounce` packages are the per-method style, not
      // the whole `lodash`; `lodash-es/uniq` is a module of lodash-es itself (ES modules shake either way)
      { id: 'lodash-method', label: 'per-method lodash', packages: ['lodash/*', 'lodash.*'] },
      { id: 'lodash', label: 'lodash', packages: ['lodash'] },
      { id: 'lodash-es', label: 'lodash-es', packages: ['lodash-es'] },
      { id: 'ramda', label: 'Ramda', packages: ['ramda'] },
      { id: 'underscore', label: 'Underscore', packages: ['underscore'] },
      { id: 'remeda', label: 'Remeda', packages: ['remeda'] },
      { id: 'es-toolkit', label: 'es-toolkit', packages: ['es-toolkit'] },
    ],
  },
  {
    id: 'ids',
    title: 'id generation',
    scope: 'code',
    // an exported id generator (`nanoid`, `createId`, `generateUuid`) is a wrapper, whatever its arguments
    wrappers: {
      namePattern: '(^|[a-z])(id|Id|ID|uuid|Uuid|UUID|nanoid|Nanoid|cuid|Cuid|ulid|Ulid)$|^(uid|guid|uuid|nanoid|cuid|ulid)',
      anyArguments: true,
    },
    choices: [
      { id: 'uuid', label: 'uuid', packages: ['uuid'], names: '^(v1|v4|v6|v7|default|\\*)$' },
      { id: 'nanoid', label: 'nanoid', packages: ['nanoid', 'nanoid/*'] },
      {
        id: 'crypto-random-uuid',
        label: 'crypto.randomUUID',
        globals: ['crypto.randomUUID'],
        globalFrom: ['crypto', 'node:crypto'],
        packages: ['crypto', 'node:crypto'],
        names: '^randomUUID$',
      },
      { id: 'cuid', label: 'cuid', packages: ['cuid', '@paralleldrive/cuid2'] },
      { id: 'ulid', label: 'ulid', packages: ['ulid', 'ulidx'] },
    ],
  },
];

/** One idiom family: the variants code is written in, and which of them a finding may name as drift. */
export interface IdiomDefinition {
  id: string;
  title: string;
  variants: ReadonlyArray<{ id: string; label: string }>;
  /** variants reported when they are the minority (default: all); data fetching reports only effects */
  reported?: readonly string[];
  /** the variant that must be the convention for any finding (data fetching: a server-data library) */
  requiresConvention?: string;
}

export const IDIOMS: readonly IdiomDefinition[] = [
  {
    id: 'component-declaration',
    title: 'component declaration style',
    variants: [
      { id: 'function', label: 'function declarations' },
      { id: 'arrow', label: 'const arrow functions' },
      { id: 'react-fc', label: 'React.FC-typed arrows' },
      { id: 'class', label: 'class components' },
    ],
  },
  {
    id: 'component-export',
    title: 'component export style',
    variants: [
      { id: 'named', label: 'named exports' },
      { id: 'default', label: 'default exports' },
    ],
  },
  {
    id: 'async-style',
    title: 'asynchronous code style',
    variants: [
      { id: 'async-await', label: 'async/await' },
      { id: 'promise-chain', label: 'promise chains (.then)' },
    ],
  },
  {
    id: 'data-fetching',
    title: 'data fetching in components',
    variants: [
      { id: 'server-data-library', label: 'a server-data library hook' },
      { id: 'use-effect', label: 'fetching inside useEffect' },
    ],
    reported: ['use-effect'],
    requiresConvention: 'server-data-library',
  },
  {
    id: 'error-handling',
    title: 'asynchronous error handling',
    variants: [
      { id: 'try-catch', label: 'try/catch around await' },
      { id: 'promise-catch', label: '.catch() on promises' },
    ],
  },
];

export function roleById(id: string): RoleDefinition | undefined {
  return ROLES.find((r) => r.id === id);
}

export function idiomById(id: string): IdiomDefinition | undefined {
  return IDIOMS.find((i) => i.id === id);
}
