import { readdirSync, readFileSync } from 'node:fs';
import { cpuSeconds } from './measure.ts';

/** Clock ticks a second in /proc (USER_HZ, 100 on Linux). */
const HZ = 100;

/** CPU seconds used so far by every PostgreSQL process (the server and its backends). */
function postgresSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      total += cpuSeconds(Number(entry));
    } catch {
      // Ended between the listing and the read.
    }
  }
  return total;
}

/** CPU seconds the whole machine spent busy (all but idle and iowait), from /proc/stat. */
function machineBusySeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return (total - (fields[3] ?? 0) - (fields[4] ?? 0)) / HZ;
}

interface Sample {
  at: number;
  cpu: Map<string, number>;
}

/**
 * Who used the CPU when, sampled every second: each named process, every PostgreSQL process
 * together, this process (the emulator and the change injector) and the whole machine. Printed
 * in 5 s steps around the kill, as cores in use, to show what crowds the polls that start late.
 */
export function startCpuTimeline(pids: () => Map<string, number>) {
  const samples: Sample[] = [];
  const take = () => {
    const cpu = new Map<string, number>();
    for (const [name, pid] of pids()) cpu.set(name, cpuSeconds(pid));
    cpu.set('postgres', postgresSeconds());
    const self = process.cpuUsage();
    cpu.set('sim+emulator', (self.user + self.system) / 1e6);
    cpu.set('machine', machineBusySeconds());
    samples.push({ at: Date.now(), cpu });
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    stop: () => clearInterval(timer),
    /** Cores in use per process in 5 s steps from `fromS` to `toS` seconds around `at`. */
    around(at: Date, fromS = -10, toS = 60): string {
      const names = [...new Set(samples.flatMap((s) => [...s.cpu.keys()]))];
      const nearest = (t: number) =>
        samples.reduce(
          (best, s) => (Math.abs(s.at - t) < Math.abs(best.at - t) ? s : best),
          samples[0] as Sample,
        );
      const lines = [`cores in use around the kill (5 s steps): ${names.join(' / ')}`];
      for (let step = fromS; step < toS; step += 5) {
        const a = nearest(at.getTime() + step * 1000);
        const b = nearest(at.getTime() + (step + 5) * 1000);
        const seconds = (b.at - a.at) / 1000;
        if (seconds <= 0) continue;
        const used = names.map((name) => {
          const delta = (b.cpu.get(name) ?? Number.NaN) - (a.cpu.get(name) ?? Number.NaN);
          return Number.isFinite(delta) ? (delta / seconds).toFixed(2) : '-';
        });
        lines.push(`  ${step >= 0 ? '+' : ''}${step}s  ${used.join(' / ')}`);
      }
      return lines.join('\n');
    },
  };
}
