/**
 * The messages exchanged between the extension host and the webviews, for both directions.
 * Each side validates what arrives with the schemas here before acting on it.
 */
import { z } from 'zod';
import type { WorkloadSpec } from '../sim/workloads/workload';
import type { Comparison } from '../sim/compare';
import type { FailoverResult } from '../sim/distribution/cluster/failover';
import type { ReshardResult } from '../sim/distribution/cluster/resharding';
import type { DistributionReport } from '../sim/distribution/distribute';
import type { RaceExploration, RaceRun } from '../sim/race/run';
import type { StampedeResult } from '../sim/stampede/simulateStampede';
import type { StrategyResult } from '../sim/strategies/simulateStrategies';
import type { StrategyTradeoffs } from '../sim/strategies/tradeoffs';
import { traceFormats } from '../sim/trace/formats';
import type { CurveResult, SimulationProgress, SimulationResult, TtlConfig } from '../sim/types';

const count = (max: number) => z.number().int().min(1).max(max);

export const MAX_KEYS = 10_000_000;
export const MAX_REQUESTS = 100_000_000;

export const workloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('zipf'), keys: count(MAX_KEYS), alpha: z.number().min(0).max(5) }),
  z.object({ kind: z.literal('uniform'), keys: count(MAX_KEYS) }),
  z.object({
    kind: z.literal('hotspot'),
    keys: count(MAX_KEYS),
    hotRequestPercent: z.number().min(0).max(100),
    hotKeyPercent: z.number().gt(0).max(100),
  }),
  z.object({ kind: z.literal('scan'), keys: count(MAX_KEYS) }),
  z.object({ kind: z.literal('shift'), keys: count(MAX_KEYS), alpha: z.number().min(0).max(5) }),
]) satisfies z.ZodType<WorkloadSpec>;

export const ttlSchema = z.object({
  seconds: z.number().gt(0).max(31_536_000),
  activeExpiry: z.boolean(),
}) satisfies z.ZodType<TtlConfig>;

/** Everything the Hit Rate Lab's controls set; also what the panel persists with setState. */
export const labSettingsSchema = z.object({
  workload: workloadSchema,
  /** The policy that "Send requests" replays. */
  policy: z.string().min(1),
  /** The policies drawn on the hit-rate curve. */
  comparePolicies: z.array(z.string().min(1)).min(1),
  /** Cache size as a percentage of the working set (the key space). */
  sizePercent: z.number().min(5).max(95),
  requests: count(MAX_REQUESTS),
  /** Requests per second, for the DB load figure and the virtual clock that drives TTLs. */
  requestRate: z.number().gt(0).max(1e9),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  ttl: ttlSchema.nullable(),
});
export type LabSettings = z.infer<typeof labSettingsSchema>;

const catalogEntrySchema = z.object({ id: z.string(), label: z.string(), description: z.string() });
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

/** What the webviews need to know about the simulator's choices. */
export const catalogSchema = z.object({
  policies: z.array(catalogEntrySchema),
  workloads: z.array(catalogEntrySchema),
});
export type Catalog = z.infer<typeof catalogSchema>;

/** The scenario the side view shows and runs. */
export const scenarioSchema = z.object({
  settings: labSettingsSchema,
  /** Requests replayed by "Run simulation" in the side view. */
  runRequests: count(MAX_REQUESTS),
});
export type ScenarioSummary = z.infer<typeof scenarioSchema>;

const nonNegative = z.number().int().min(0);
const countsShape = {
  requests: nonNegative,
  hits: nonNegative,
  misses: nonNegative,
  bytes: z.number().min(0),
  hitBytes: z.number().min(0),
  evictions: nonNegative,
  expirations: nonNegative,
  oomErrors: nonNegative,
};

export const progressSchema = z.object({ ...countsShape, total: nonNegative }) satisfies z.ZodType<SimulationProgress>;

export const resultSchema = z.object({
  ...countsShape,
  policy: z.string(),
  capacity: nonNegative,
  sized: z.boolean(),
  hitRatio: z.number().min(0).max(1),
  byteHitRatio: z.number().min(0).max(1),
  seconds: z.number().min(0),
  requestLog: z.array(
    z.object({
      index: nonNegative,
      key: nonNegative,
      hit: z.boolean(),
      evicted: z.array(nonNegative).readonly(),
      expired: z.boolean(),
    }),
  ).readonly(),
}) satisfies z.ZodType<SimulationResult>;

export const curveSchema = z.object({
  sizePercents: z.array(z.number()).readonly(),
  capacities: z.array(nonNegative).readonly(),
  series: z
    .array(z.object({ policy: z.string(), hitRatios: z.array(z.number().min(0).max(1)).readonly() }))
    .readonly(),
}) satisfies z.ZodType<CurveResult>;

const errorMessage = z.object({ type: z.literal('error'), message: z.string() });
const cancelledMessage = z.object({ type: z.literal('cancelled') });

/**
 * The messages of a panel that edits settings and runs one simulation at a time in the worker
 * (Compare Write Strategies, Stampede Lab): the webview asks to run or cancel; the host sends the
 * catalog to choose from, then each outcome with the settings that produced it.
 */
function simulationPanelMessages<Settings extends z.ZodType, Outcome extends z.ZodType>(settings: Settings, outcome: Outcome) {
  return {
    toHost: z.discriminatedUnion('type', [
      z.object({ type: z.literal('ready') }),
      z.object({ type: z.literal('run'), settings }),
      z.object({ type: z.literal('cancel') }),
    ]),
    fromHost: z.discriminatedUnion('type', [
      z.object({ type: z.literal('init'), catalog: z.array(catalogEntrySchema), settings }),
      z.object({ type: z.literal('running') }),
      z.object({ type: z.literal('result'), settings, outcome }),
      cancelledMessage,
      errorMessage,
    ]),
  };
}

// ---- Hit Rate Lab panel ----

export const labToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), settings: labSettingsSchema }),
  z.object({ type: z.literal('cancel') }),
]);
export type LabToHost = z.infer<typeof labToHostSchema>;

export const hostToLabSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), catalog: catalogSchema, settings: labSettingsSchema }),
  z.object({ type: z.literal('running') }),
  z.object({ type: z.literal('result'), settings: labSettingsSchema, result: resultSchema, curve: curveSchema }),
  cancelledMessage,
  errorMessage,
]);
export type HostToLab = z.infer<typeof hostToLabSchema>;

// ---- Simulator side view ----

/** The commands that open a lab panel, which the side view's buttons run. */
export const LAB_COMMANDS = [
  'cacheLab.openHitRateLab',
  'cacheLab.openComparePolicies',
  'cacheLab.compareWriteStrategies',
  'cacheLab.openStampedeLab',
  'cacheLab.openDistributionLab',
  'cacheLab.stepThroughRace',
] as const;

export const sidebarToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Opens a lab panel by running its command. */
  z.object({ type: z.literal('openLab'), command: z.enum(LAB_COMMANDS) }),
  /** Runs the Stampede Lab's default scenario and shows one line per protection. */
  z.object({ type: z.literal('runStampede') }),
  z.object({ type: z.literal('runScenario') }),
  z.object({ type: z.literal('cancel') }),
]);
export type SidebarToHost = z.infer<typeof sidebarToHostSchema>;

export const hostToSidebarSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scenario'), catalog: catalogSchema, scenario: scenarioSchema }),
  z.object({ type: z.literal('progress'), progress: progressSchema }),
  z.object({ type: z.literal('finished'), result: resultSchema }),
  // Defined with the Stampede Lab's messages further down.
  z.object({ type: z.literal('stampede'), outcome: z.lazy(() => stampedeOutcomeSchema) }),
  cancelledMessage,
  errorMessage,
]);
export type HostToSidebar = z.infer<typeof hostToSidebarSchema>;

// ---- Compare Eviction Policies panel ----

/** A CSV column: its 1-based number, or its name when the file has a header. */
const columnSchema = z.union([z.number().int().min(1).max(1000), z.string().min(1).max(200)]);

export const csvColumnsSchema = z.object({
  key: columnSchema,
  time: columnSchema.optional(),
  size: columnSchema.optional(),
  op: columnSchema.optional(),
  ttl: columnSchema.optional(),
  header: z.boolean(),
  delimiter: z.string().min(1).max(1),
});
export type CsvColumns = z.infer<typeof csvColumnsSchema>;

/** Where the compared requests come from: a seeded built-in workload or a trace file. */
export const comparisonSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workload'), workload: workloadSchema, requests: count(MAX_REQUESTS) }),
  z.object({ kind: z.literal('trace'), path: z.string().min(1), format: z.enum(traceFormats), csv: csvColumnsSchema.optional() }),
]);
export type ComparisonSource = z.infer<typeof comparisonSourceSchema>;

export const compareSettingsSchema = z.object({
  source: comparisonSourceSchema,
  policies: z.array(z.string().min(1)).min(1),
  /** Cache sizes as percentages of the working set. */
  sizePercents: z.array(z.number().gt(0).max(100)).min(1).max(40),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  /** Requests per second of virtual time for requests without timestamps (Redis's clocks). */
  requestRate: z.number().gt(0).max(1e9),
  /** Count every object as size 1 even when the trace has sizes. */
  ignoreObjectSize: z.boolean(),
});
export type CompareSettings = z.infer<typeof compareSettingsSchema>;

const ratio = z.number().min(0).max(1);

export const comparisonSchema = z.object({
  source: z.string(),
  requests: nonNegative,
  keys: nonNegative,
  sized: z.boolean(),
  workingSet: z.number().min(0),
  sizePercents: z.array(z.number()).readonly(),
  capacities: z.array(z.number().min(0)).readonly(),
  rows: z.array(z.object({
    policy: z.string(),
    sizePercent: z.number(),
    capacity: z.number().min(0),
    hitRatio: ratio,
    byteHitRatio: ratio,
    evictions: nonNegative,
    oomErrors: nonNegative,
    seconds: z.number().min(0),
  })).readonly(),
  lruCurve: z.object({
    sampleRate: z.number().gt(0).max(1),
    sizePercents: z.array(z.number().gt(0).max(100)).readonly(),
    hitRatios: z.array(ratio).readonly(),
    errors: z.array(z.number().min(0).max(1)).readonly(),
  }).nullable(),
}) satisfies z.ZodType<Comparison>;

export const compareToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), settings: compareSettingsSchema }),
  z.object({ type: z.literal('cancel') }),
  /** Asks the host for a trace file through VS Code's open dialog. */
  z.object({ type: z.literal('pickTrace') }),
  /** Asks the host to save the shown comparison as CSV through VS Code's save dialog. */
  z.object({ type: z.literal('exportCsv'), comparison: comparisonSchema }),
]);
export type CompareToHost = z.infer<typeof compareToHostSchema>;

export const hostToCompareSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), catalog: catalogSchema, settings: compareSettingsSchema }),
  z.object({ type: z.literal('tracePicked'), path: z.string().min(1) }),
  z.object({ type: z.literal('running') }),
  /** Reading: bytes of the trace file; replaying: runs done. */
  z.object({ type: z.literal('progress'), stage: z.enum(['reading', 'replaying']), done: nonNegative, total: nonNegative }),
  z.object({ type: z.literal('result'), settings: compareSettingsSchema, comparison: comparisonSchema }),
  z.object({ type: z.literal('exported'), path: z.string() }),
  cancelledMessage,
  errorMessage,
]);
export type HostToCompare = z.infer<typeof hostToCompareSchema>;

// ---- Step Through a Race panel ----

/** A virtual time, or Infinity for a stale value nothing ends (null once a message has been JSON-encoded). */
const timeOrNever = z.preprocess((value) => (value === null ? Infinity : value), z.number().or(z.literal(Infinity)));
const text = z.string().max(10_000);
/** The simulator's results use readonly arrays. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const raceSnapshotSchema = z.object({
  caches: z.record(text, z.record(text, text)),
  db: z.record(text, text),
  queues: z.record(text, z.array(text)),
});

const staleWindowSchema = z.object({
  cache: text,
  key: text,
  value: text,
  dbValue: text.optional(),
  since: z.number(),
  until: timeOrNever,
  expiresAt: timeOrNever,
});

const raceVerdictSchema = z.object({
  consistent: z.boolean(),
  stale: list(staleWindowSchema),
  lostWrites: list(z.object({ key: text, acknowledged: text, db: text.optional() })),
  transient: list(staleWindowSchema),
  staleReads: list(z.object({ time: z.number(), cache: text, key: text, served: text, current: text.optional() })),
  summary: text,
});

export const raceRunSchema = z.object({
  scenario: text,
  parameters: z.record(text, z.number()),
  actors: list(text),
  stores: list(text),
  initial: raceSnapshotSchema,
  events: list(z.object({
    index: nonNegative,
    time: z.number(),
    actor: text,
    step: text,
    label: text,
    detail: text,
    touched: list(text),
    after: raceSnapshotSchema,
  })),
  verdict: raceVerdictSchema,
}) satisfies z.ZodType<RaceRun>;

export const raceExplorationSchema = z.object({
  scenario: text,
  parameters: z.record(text, z.number()),
  interleavings: nonNegative,
  inconsistent: nonNegative,
  truncated: z.boolean(),
  counterexample: z.object({ order: list(text), verdict: raceVerdictSchema }).optional(),
}) satisfies z.ZodType<RaceExploration>;

export const raceScenarioInfoSchema = z.object({
  id: text,
  title: text,
  summary: text,
  parameters: z.array(z.object({ name: text, description: text, default: z.number(), min: z.number(), max: z.number(), unit: text })),
});
export type RaceScenarioInfo = z.infer<typeof raceScenarioInfoSchema>;

/** Which scenario to run, with which parameters, optionally in which order of step ids, and told with whose names. */
export const raceRequestSchema = z.object({
  scenario: z.string().min(1).max(100),
  parameters: z.record(z.string().max(100), z.number()),
  order: z.array(z.string().max(100)).max(1000).optional(),
  /** The user's key and functions, from an analyzer finding's "Step through this race". */
  names: z.object({ key: z.string().min(1).max(200).optional(), lanes: z.record(z.string().max(100), z.string().min(1).max(200)).optional() }).optional(),
});
export type RaceRequest = z.infer<typeof raceRequestSchema>;

export const raceToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), request: raceRequestSchema }),
  z.object({ type: z.literal('explore'), request: raceRequestSchema }),
  z.object({ type: z.literal('cancel') }),
]);
export type RaceToHost = z.infer<typeof raceToHostSchema>;

export const hostToRaceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), scenarios: z.array(raceScenarioInfoSchema), request: raceRequestSchema }),
  z.object({ type: z.literal('running') }),
  z.object({ type: z.literal('result'), request: raceRequestSchema, run: raceRunSchema }),
  z.object({ type: z.literal('explored'), request: raceRequestSchema, exploration: raceExplorationSchema }),
  cancelledMessage,
  errorMessage,
]);
export type HostToRace = z.infer<typeof hostToRaceSchema>;

// ---- Compare Write Strategies panel ----

const milliseconds = z.number().gt(0).max(600_000);

/** Everything the Compare Write Strategies form sets; also what the panel persists. */
export const strategySettingsSchema = z.object({
  strategies: z.array(z.string().min(1).max(100)).min(1),
  keys: count(1_000_000),
  alpha: z.number().min(0).max(5),
  writePercent: z.number().min(0).max(100),
  /** Requests per second. */
  rate: z.number().gt(0).max(1_000_000),
  requests: count(2_000_000),
  concurrency: count(100_000),
  /** Seconds a cached value lives; null for no TTL. */
  ttl: z.number().gt(0).max(31_536_000).nullable(),
  cacheLatency: z.object({ medianMs: milliseconds, p99Ms: milliseconds }),
  dbLatency: z.object({ medianMs: milliseconds, p99Ms: milliseconds }),
  dbConnections: count(100_000),
  /** Second at which the cache node crashes; null for none. */
  crashAt: z.number().min(0).max(31_536_000).nullable(),
  /** Shares of invalidations lost, and delivered twice, in percent. */
  lostInvalidationPercent: z.number().min(0).max(100),
  duplicatedInvalidationPercent: z.number().min(0).max(100),
  flushInterval: z.number().gt(0).max(3600),
  batchSize: count(1_000_000),
  refreshThreshold: z.number().min(0).lt(1),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
}).refine((s) => s.cacheLatency.p99Ms >= s.cacheLatency.medianMs && s.dbLatency.p99Ms >= s.dbLatency.medianMs, {
  message: 'a p99 latency must be at least its median',
  path: ['dbLatency'],
});
export type StrategySettings = z.infer<typeof strategySettingsSchema>;

const percentilesSchema = z.object({ p50: z.number().min(0), p99: z.number().min(0) });

export const strategyResultSchema = z.object({
  strategy: text,
  label: text,
  reads: nonNegative,
  writes: nonNegative,
  hits: nonNegative,
  hitRatio: ratio,
  dbReads: nonNegative,
  dbWrites: nonNegative,
  readLatency: percentilesSchema,
  writeLatency: percentilesSchema,
  staleReads: nonNegative,
  longestStaleMs: z.number().min(0),
  warmAfterWrite: ratio,
  lostWrites: nonNegative,
  peakDbConcurrency: nonNegative,
  lostInvalidations: nonNegative,
}) satisfies z.ZodType<StrategyResult>;

export const strategyTradeoffsSchema = z.object({
  strategy: text,
  label: text,
  writeLatency: text,
  staleData: text,
  warmOnWrite: text,
  dataLoss: text,
}) satisfies z.ZodType<StrategyTradeoffs>;

export const strategyComparisonSchema = z.object({
  results: list(strategyResultSchema),
  tradeoffs: list(strategyTradeoffsSchema),
});
export type StrategyComparison = z.infer<typeof strategyComparisonSchema>;

const strategiesMessages = simulationPanelMessages(strategySettingsSchema, strategyComparisonSchema);
export const strategiesToHostSchema = strategiesMessages.toHost;
export type StrategiesToHost = z.infer<typeof strategiesToHostSchema>;
export const hostToStrategiesSchema = strategiesMessages.fromHost;
export type HostToStrategies = z.infer<typeof hostToStrategiesSchema>;

// ---- Stampede Lab panel ----

/** Everything the Stampede Lab form sets; also what the panel persists. */
export const stampedeSettingsSchema = z.object({
  protections: z.array(z.string().min(1).max(100)).min(1),
  arrival: z.enum(['poisson', 'burst']),
  rate: z.number().gt(0).max(100_000),
  clients: count(100_000),
  ttl: z.number().gt(0).max(86_400),
  /** Seconds one recomputation takes. */
  delta: z.number().gt(0).max(3600),
  duration: z.number().gt(0).max(86_400),
  beta: z.number().gt(0).max(100),
  servers: count(10_000),
  dbConnections: count(1_000_000),
  clientTimeout: z.number().gt(0).max(3600),
  lockTtl: z.number().gt(0).max(3600),
  staleGrace: z.number().min(0).max(86_400),
  jitter: z.number().min(0).lt(1),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
}).refine((s) => s.arrival === 'burst' || s.rate * s.duration <= 2_000_000, {
  message: 'rate × duration must stay under 2,000,000 requests',
  path: ['duration'],
});
export type StampedeSettings = z.infer<typeof stampedeSettingsSchema>;

const latencyPairSchema = z.object({ p50: z.number().min(0), p99: z.number().min(0) });

export const stampedeResultSchema = z.object({
  protection: text,
  label: text,
  requests: nonNegative,
  recomputations: nonNegative,
  waves: nonNegative,
  recomputationsPerExpiry: z.number().min(0),
  worstWave: nonNegative,
  peakDbConcurrency: nonNegative,
  latency: latencyPairSchema,
  latencyDuringRefresh: latencyPairSchema,
  timeouts: nonNegative,
  staleServed: nonNegative,
  earlyRefreshes: nonNegative,
  leads: list(z.number()),
  expiries: list(z.number()),
  dbQueriesPerSecond: list(z.number().min(0)),
  latencyTimeline: list(z.number().min(0)),
}) satisfies z.ZodType<StampedeResult>;

export const stampedeOutcomeSchema = z.object({
  /** Seconds per timeline point. */
  bucket: z.number().gt(0),
  results: list(stampedeResultSchema),
});
export type StampedeOutcome = z.infer<typeof stampedeOutcomeSchema>;

const stampedeMessages = simulationPanelMessages(stampedeSettingsSchema, stampedeOutcomeSchema);
export const stampedeToHostSchema = stampedeMessages.toHost;
export type StampedeToHost = z.infer<typeof stampedeToHostSchema>;
export const hostToStampedeSchema = stampedeMessages.fromHost;
export type HostToStampede = z.infer<typeof hostToStampedeSchema>;

// ---- Distribution Lab panel ----

/** Everything the Distribution Lab form sets; also what the panel persists. */
export const distributionSettingsSchema = z.object({
  /** The scheme drawn on the ring; every scheme is measured. */
  scheme: z.string().min(1).max(100),
  nodes: count(1000),
  /** Nodes joining (positive) or the last ones leaving (negative). */
  change: z.number().int().min(-999).max(100),
  vnodes: count(10_000),
  loadFactor: z.number().gt(0).max(10),
  keys: count(1_000_000),
  requests: z.number().int().min(0).max(10_000_000),
  alpha: z.number().min(0).max(5),
  nodeTimeouts: z.array(z.number().gt(0).max(3600)).min(1).max(6),
  writeRate: z.number().gt(0).max(10_000_000),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
}).refine((s) => s.nodes + s.change >= 1, { message: 'at least one node must stay', path: ['change'] });
export type DistributionSettings = z.infer<typeof distributionSettingsSchema>;

const finite = z.number().refine(Number.isFinite, 'a finite number');
const loadStatsSchema = z.object({ mean: finite, min: finite, max: finite, stddev: finite, cv: finite, maxOverMean: finite });
const layoutSchema = z.object({
  nodes: list(z.object({ name: text, weight: finite, keys: nonNegative, requests: nonNegative })),
  keys: loadStatsSchema,
  requests: loadStatsSchema.nullable(),
  slots: list(z.object({ first: nonNegative, last: nonNegative, node: text })).optional(),
});
const distributionReportSchema = z.object({
  keys: nonNegative,
  requests: nonNegative,
  nodesBefore: nonNegative,
  nodesAfter: nonNegative,
  minimumMovedFraction: finite,
  results: list(z.object({
    scheme: text,
    label: text,
    before: layoutSchema,
    after: layoutSchema.nullable(),
    movedKeys: nonNegative,
    movedFraction: finite,
    movedRequestFraction: finite,
  })),
}) satisfies z.ZodType<DistributionReport>;

const unitInterval = z.number().min(0).max(1);
const ringSchema = z.object({ positions: list(unitInterval), owners: list(nonNegative) }).nullable();
const arcsSchema = list(z.object({ from: unitInterval, to: unitInterval, owner: nonNegative })).nullable();
export const ringDrawingSchema = z.object({
  scheme: text,
  nodesBefore: list(text),
  nodesAfter: list(text),
  ringBefore: ringSchema,
  ringAfter: ringSchema,
  arcsBefore: arcsSchema,
  arcsAfter: arcsSchema,
  /** Positions on the circle as a fraction of the turn; owners as node indexes. */
  keys: list(z.object({ name: text, position: unitInterval, before: nonNegative, after: nonNegative })),
});
export type RingDrawing = z.infer<typeof ringDrawingSchema>;

const counts = list(z.number().min(0));
const reshardResultSchema = z.object({
  movedSlots: nonNegative,
  movedKeys: nonNegative,
  migrationSeconds: finite,
  requests: nonNegative,
  movedRedirects: nonNegative,
  askRedirects: nonNegative,
  extraRoundTrips: nonNegative,
  redirectedShare: finite,
  bucket: finite,
  migrationStart: finite,
  migrationEnd: finite,
  timeline: z.object({ requests: counts, moved: counts, ask: counts }),
}) satisfies z.ZodType<ReshardResult>;
const failoverResultSchema = z.object({
  nodeTimeout: finite,
  crashAt: finite,
  pfailAt: list(finite),
  failAt: finite,
  electionAt: finite,
  promotedAt: finite,
  unavailableSeconds: finite,
  writes: nonNegative,
  failedWrites: nonNegative,
  lostWrites: nonNegative,
  bucket: finite,
  timeline: z.object({ acknowledged: counts, failed: counts, lost: counts }),
}) satisfies z.ZodType<FailoverResult>;

export const distributionOutcomeSchema = z.object({
  report: distributionReportSchema,
  drawing: ringDrawingSchema,
  sweep: list(z.object({ vnodes: nonNegative, cv: finite, theoryCv: finite, movedFraction: finite })),
  reshard: reshardResultSchema,
  failover: list(failoverResultSchema),
});
export type DistributionOutcome = z.infer<typeof distributionOutcomeSchema>;

const distributionMessages = simulationPanelMessages(distributionSettingsSchema, distributionOutcomeSchema);
export const distributionToHostSchema = distributionMessages.toHost;
export type DistributionToHost = z.infer<typeof distributionToHostSchema>;
export const hostToDistributionSchema = distributionMessages.fromHost;
export type HostToDistribution = z.infer<typeof hostToDistributionSchema>;

/** Result of checking a message: the typed message, or a sentence naming what is wrong. */
export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseMessage<T>(schema: z.ZodType<T>, data: unknown): Parsed<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, message: parsed.data };
  return { ok: false, error: z.prettifyError(parsed.error) };
}
