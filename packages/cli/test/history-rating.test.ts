import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALIBRATION, ratedDebt } from '@plumbline/core';
import { MIGRATIONS } from '../src/history/schema.js';
import { HistoryStore } from '../src/history/store.js';
import { pointRating } from '../src/trend/index.js';
import { finding, scanResult } from './store-fixtures.js';

// Migration 3: each snapshot keeps the calibration its rating was taken with and its rated density, so
// that a trend re-rates it under the current calibration instead of jumping when the calibration changes.

describe('snapshots and the rating calibration', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumbline-history-rating-'));
    path = join(dir, 'history.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the calibration version and the rated density of a snapshot', () => {
    const fs = [finding({ ruleId: 'copied-code', category: 'duplication', effortMinutes: 30 })];
    const r = scanResult(fs, 1000);
    const rated = ratedDebt(fs, 1000);
    r.summary = { ...r.summary, rating: rated.rating, rated };
    const store = HistoryStore.open(path);
    store.addSnapshot({ analysisKey: 'k', commit: 'c1', committedAt: 1, source: 'trend', result: r });
    store.close();
    const s = HistoryStore.open(path).findSnapshot('k', 'c1')!;
    expect(s.calibration).toBe(CALIBRATION.version);
    expect(s.ratedDensity).toBe(rated.density);
    expect(s.ratedDensity).toBeCloseTo(30 * CALIBRATION.weights['copied-code']!, 3);
    expect(s.rating).toBe(rated.rating);
  });

  it('migrates a store of schema 2: its snapshots keep their letter, marked as rated before the calibration', () => {
    mkdirSync(dir, { recursive: true });
    const db = new Database(path);
    for (const m of MIGRATIONS.slice(0, 2)) db.exec(m);
    db.pragma('user_version = 2');
    db.prepare(
      `INSERT INTO snapshots (analysis_key, commit_sha, committed_at, recorded_at, source, tool_version, files, lines_of_code,
       debt_minutes, debt_ratio, rating, design_system_adoption, drift_index, findings, errors, skipped) VALUES
       ('k', 'old', 1, 1, 'trend', '0.0.9', 1, 100, 5, 0.001, 'A', NULL, 0, 1, 0, 0)`,
    ).run();
    db.close();
    const store = HistoryStore.open(path);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    const s = store.findSnapshot('k', 'old')!;
    store.close();
    expect(s).toMatchObject({ rating: 'A', calibration: null, ratedDensity: null });
    expect(pointRating(s)).toEqual({ rating: 'A', ratedDensity: null, ratingStale: true, ratedWith: null });
  });
});
