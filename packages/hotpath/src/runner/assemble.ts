/**
 * The parent's side of threads and processes: the capture parts the program's threads
 * wrote (threads.ts) made into one profile per process, and the processes' profiles
 * (`--include-children`, children.ts) added into one.
 *
 * Each part becomes a profile on its own (the capture's builders do not know about
 * threads), then the parts are added (model/merge.ts): merged, a function that ran on
 * several threads is one row with their sum; separate, each frame keeps its thread
 * ({@link Frame.thread}) and the rows say which.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeProfiles, tagThread, withThread } from '../model/merge.js';
import type { Profile, ProcessInfo, ThreadInfo } from '../model/profile.js';
import { childCapturePaths, readCaptureParts, type CaptureFile } from './capture-file.js';
import { sourceNamed } from './sources/index.js';
import type { ChildEnding } from './spawn.js';

/** How a profile shows the threads of a process: added together, or each apart. */
export type ThreadView = 'merged' | 'separate';

/** Builds the profile of one capture part (run.ts's `profileOf`); `thread` picks its V8 log. */
export type BuildPart = (capture: CaptureFile, ending: ChildEnding, command: string[], thread: number) => Promise<Profile>;

/** A process's profile, and who it was. */
export interface ProcessProfile {
  info: ProcessInfo;
  profile: Profile;
}

/**
 * The profile of the process whose main thread wrote `output`, its workers' parts added;
 * `null` when the main thread wrote nothing.
 */
export async function processProfile(output: string, ending: ChildEnding, command: string[], view: ThreadView, build: BuildPart): Promise<Profile | null> {
  const parts = readCaptureParts(output);
  if (parts.length === 0) return null;
  if (parts.length > 1) sourceNamed(parts[0]!.source).shareParts?.(parts.map((part) => part.data));
  const profiles = await Promise.all(parts.map((part) => build(part, ending, command, part.threadId ?? 0)));
  if (parts.length === 1) return profiles[0]!;
  const threads = threadInfos(parts);
  const named = withOwnNotes(
    profiles,
    threads.map((t) => t.name),
  );
  // Each part's timeline is its thread's, in either view.
  const timed = named.map((p, i) => withThread(p, threads[i]!.id));
  const tagged = view === 'separate' ? timed.map((p, i) => tagThread(p, threads[i]!.id)) : timed;
  const merged = mergeProfiles(tagged);
  const how = view === 'separate' ? 'kept apart (each row names its thread)' : 'merged (--threads separate keeps them apart)';
  merged.meta.threads = threads;
  merged.meta.notes = [`${threads.length} threads: ${threads.map((t) => t.name).join(', ')}; ${how}`, ...merged.meta.notes];
  return merged;
}

/** The profiles of the program's child processes (`--include-children`), each with its threads. */
export async function childProfiles(dir: string, view: ThreadView, build: BuildPart): Promise<ProcessProfile[]> {
  const found: ProcessProfile[] = [];
  for (const file of childCapturePaths(dir)) {
    const [main] = readCaptureParts(file);
    if (!main) continue;
    const ending: ChildEnding = { exitCode: main.exitCode ?? 1, signal: main.signal };
    const command = main.argv ?? [];
    const profile = await processProfile(file, ending, command, view, build);
    if (profile) found.push({ info: processInfo(main, main.exitCode), profile });
  }
  return found;
}

/** Who a process was, from its main thread's capture. */
export function processInfo(capture: CaptureFile, exitCode: number | null): ProcessInfo {
  return { pid: capture.pid ?? 0, ppid: capture.ppid ?? 0, command: capture.argv ?? [], exitCode };
}

/** The processes' profiles added into one (the main process first), with a note naming them. */
export function mergeProcesses(all: readonly ProcessProfile[]): Profile {
  if (all.length === 1) return all[0]!.profile;
  // Only the main process's timelines are kept: every process has a thread 0, and a
  // cpuprofile or a time-order view shows one process.
  const merged = mergeProfiles(
    withOwnNotes(
      all.map((p, i) => (i === 0 ? p.profile : withoutTimelines(p.profile))),
      all.map((p) => `process ${p.info.pid}`),
    ),
  );
  const processes = all.map((p) => p.info);
  const cwd = all[0]!.profile.meta.cwd;
  const list = processes.map((p) => `${p.pid} (${p.command.map((arg, i) => (i === 0 ? shortPath(arg, cwd) : arg)).join(' ')})`).join(', ');
  return {
    ...merged,
    meta: { ...merged.meta, processes, notes: [`${processes.length} processes merged: ${list}`, ...merged.meta.notes] },
  };
}

function withoutTimelines(profile: Profile): Profile {
  const { timelines: _timelines, ...rest } = profile;
  return rest;
}

/**
 * A note only some parts have, or each its own way (`render: 132 ticks`, the recorder's
 * cost measured in each thread), is said with the part's name: `worker 3 (render.mjs): ...`.
 */
function withOwnNotes(parts: readonly Profile[], names: readonly string[]): Profile[] {
  const common = parts[0]!.meta.notes.filter((note) => parts.every((p) => p.meta.notes.includes(note)));
  return parts.map((p, i) => ({
    ...p,
    meta: { ...p.meta, notes: p.meta.notes.map((note) => (common.includes(note) ? note : `${names[i]}: ${note}`)) },
  }));
}

function threadInfos(parts: readonly CaptureFile[]): ThreadInfo[] {
  const urls: Record<string, string> = Object.assign({}, ...parts.map((p) => p.workers ?? {}));
  return parts.map((part) => {
    const id = part.threadId ?? 0;
    if (id === 0) return { id, name: 'main' };
    const url = urls[id];
    return { id, name: url ? `worker ${id} (${scriptName(url)})` : `worker ${id}` };
  });
}

// A worker's script as its rows name it: short, the thread id tells two apart.
function scriptName(url: string): string {
  if (!url.startsWith('file:')) return url.length > 40 ? `${url.slice(0, 37)}...` : url;
  const file = fileURLToPath(url);
  return /[\\/]node_modules[\\/](.*)$/.exec(file)?.[1] ?? path.basename(file); // piscina/dist/worker.js
}

function shortPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
