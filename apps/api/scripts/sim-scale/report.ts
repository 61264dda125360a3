import { print } from '../../bench/harness.ts';

/** What the simulation measured, for the table and the closing `scale:` line. */
export interface Report {
  orgs: number;
  workers: number;
  intervalMs: number;
  seconds: number;
  changes: { made: number; failed: number };
  polls: number;
  /** How long the window's finished polls took, start to finish. */
  pollMs: { p50: number | null; p99: number | null };
  late: { polls: number; p50: number | null; p99: number | null; max: number | null };
  /** Each overlapping pair, described (kind, worker, start-end). */
  doubleRuns: string[];
  leases: { name: string; leases: number; rssMb: number }[];
  rssMaxMb: number;
  apiRssMb: number;
  takeover: { cdcS: number; restS: number };
  connectionsMax: number;
  lost: number;
  load: { max: number; mean: number };
  errors: number;
  /** worker-1's CPU seconds in the window and the REST polls it ran (its CDC work is in the CPU too). */
  worker1: { cpuS: number; polls: number };
}

const ms = (value: number | null) => (value === null ? 'n/a' : String(Math.round(value)));

/** The table (each figure beside its target), then, last, the one `scale:` line. */
export function printReport(r: Report): void {
  const p99 = r.late.p99 ?? Number.NaN;
  const takeoverS = Math.max(r.takeover.cdcS, r.takeover.restS);
  const seconds = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'none');
  const even = r.orgs / Math.max(1, r.leases.length);
  const spread = Math.max(...r.leases.map((w) => Math.abs(w.leases - even) / even));
  const rows: [string, string, string][] = [
    ['organizations / syncs', `${r.orgs} / ${r.orgs * 2}`, ''],
    ['workers (one killed, one started)', String(r.workers), ''],
    ['compressed REST interval', `${r.intervalMs / 1000} s`, ''],
    ['measured window', `${r.seconds} s`, ''],
    ['changes injected (failed)', `${r.changes.made} (${r.changes.failed})`, ''],
    ['REST polls started', String(r.polls), ''],
    ['poll duration p50 / p99', `${ms(r.pollMs.p50)} / ${ms(r.pollMs.p99)} ms`, ''],
    [
      'poll late p50 / p99 / max',
      `${ms(r.late.p50)} / ${ms(r.late.p99)} / ${ms(r.late.max)} ms`,
      `p99 < ${r.intervalMs / 10} ms`,
    ],
    ['double runs', String(r.doubleRuns.length), '0'],
    [
      'CDC leases per live worker',
      r.leases.map((w) => w.leases).join('/'),
      `within 20% of ${Math.round(even)}`,
    ],
    [
      'takeover after SIGKILL (CDC / REST)',
      `${seconds(takeoverS)} s (${seconds(r.takeover.cdcS)} / ${seconds(r.takeover.restS)})`,
      '< 30 s',
    ],
    ['RSS max per worker / API', `${Math.round(r.rssMaxMb)} / ${Math.round(r.apiRssMb)} MB`, '< 512 MB'],
    ['PostgreSQL connections max', String(r.connectionsMax), '< 100'],
    ['lost changes after settle', String(r.lost), '0'],
    ['load average mean / max (2 cores)', `${r.load.mean.toFixed(1)} / ${r.load.max.toFixed(1)}`, ''],
    ['error lines logged', String(r.errors), ''],
    [
      'worker-1 CPU in window / its polls',
      `${r.worker1.cpuS.toFixed(1)} s / ${r.worker1.polls} = ${Math.round((1000 * r.worker1.cpuS) / Math.max(1, r.worker1.polls))} ms per poll (CDC included)`,
      '',
    ],
  ];
  const checks = [
    p99 < r.intervalMs / 10,
    r.doubleRuns.length === 0,
    spread <= 0.2,
    takeoverS < 30,
    r.rssMaxMb < 512,
    r.connectionsMax < 100,
    r.lost === 0,
  ];
  const w0 = Math.max(...rows.map((row) => row[0].length));
  const w1 = Math.max(...rows.map((row) => row[1].length));
  print('');
  for (const [name, value, target] of rows) {
    print(`${name.padEnd(w0)}  ${value.padEnd(w1)}  ${target ? `target ${target}` : ''}`.trimEnd());
  }
  for (const w of r.leases)
    print(`  ${w.name.padEnd(10)} leases ${w.leases}  rss max ${Math.round(w.rssMb)} MB`);
  for (const pair of r.doubleRuns) print(`  double run: ${pair}`);
  print(`targets met: ${checks.filter(Boolean).length}/${checks.length}`);
  print(
    `scale: orgs=${r.orgs} workers=${r.workers} polls=${r.polls} poll_late_p99_ms=${ms(r.late.p99)} ` +
      `double_runs=${r.doubleRuns.length} cdc_leases_per_worker=${r.leases.map((w) => w.leases).join('/')} ` +
      `takeover_s=${seconds(takeoverS)} rss_max_mb=${Math.round(r.rssMaxMb)} ` +
      `db_connections_max=${r.connectionsMax} lost_changes=${r.lost}`,
  );
}
