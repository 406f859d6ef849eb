/**
 * Where and on what a run happened: benchmark numbers mean little without it. Stored with
 * every saved run, as pytest-benchmark stores `machine_info` and `commit_info`.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** The machine and runtime. */
export interface MachineInfo {
  node: string;
  v8: string;
  platform: string;
  release: string;
  arch: string;
  hostname: string;
  cpu: { model: string; count: number; mhz: number };
  memoryBytes: number;
}

/** The code measured. */
export interface CommitInfo {
  /** The full commit id, or 'unversioned' outside a git checkout. */
  id: string;
  /** Whether the checkout had uncommitted changes to tracked files. */
  dirty: boolean;
  branch: string | null;
  /** The checkout's directory name. */
  project: string | null;
}

const SYSTEMS: Record<string, string> = { linux: 'Linux', darwin: 'Darwin', win32: 'Windows', freebsd: 'FreeBSD' };

/**
 * pytest-benchmark's machine id (`Linux-CPython-3.11-64bit`) for Node: system, Node major
 * version, architecture, e.g. `Linux-node20-x64`. Runs are saved and compared per machine id.
 */
export function machineId(platform: string = process.platform, version = process.version, arch = process.arch): string {
  const major = /^v?(\d+)/.exec(version)?.[1] ?? version;
  return `${SYSTEMS[platform] ?? platform}-node${major}-${arch}`;
}

/** This machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    release: os.release(),
    arch: process.arch,
    hostname: os.hostname(),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', count: os.availableParallelism(), mhz: cpus[0]?.speed ?? 0 },
    memoryBytes: os.totalmem(),
  };
}

/** The git commit of the checkout at `cwd` ('unversioned' when git or the checkout is missing). */
export function commitInfo(cwd: string = process.cwd()): CommitInfo {
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const id = git('rev-parse', 'HEAD');
  if (id === null) return { id: 'unversioned', dirty: false, branch: null, project: null };
  const top = git('rev-parse', '--show-toplevel');
  return {
    id,
    dirty: (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '',
    branch: git('rev-parse', '--abbrev-ref', 'HEAD'),
    project: top === null ? null : (top.split(/[\\/]/).pop() ?? null),
  };
}
