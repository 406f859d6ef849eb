import type { Frame } from '../model/profile.js';
import { makeFrame } from '../model/frames.js';
import type { SourceMapper } from './source-maps.js';
import type { GeneratedPosition } from './v8-types.js';

/**
 * The frames of a profile being built, one per distinct function: a function is its name
 * and its position in the source the user wrote, so generated positions that map to the
 * same original function share one frame.
 */
export class FrameTable {
  readonly frames: Frame[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly mapper: SourceMapper) {}

  /**
   * The index of the frame of a function, adding it on first sight.
   *
   * @param name - the function's name as V8 gives it: `''` becomes `(anonymous)`, or
   *   `<module>` for a script's top-level code, as cProfile names it.
   * @param url - the script's URL as V8 gives it (`''` for builtins and pseudo-frames).
   * @param position - 0-based start in the generated code; `null` when V8 gives none.
   */
  intern(name: string, url: string, position: GeneratedPosition | null): number {
    if (isModuleCode(name, url, position)) {
      // Top-level code maps to wherever a compiler put its first statement; cProfile shows
      // `file:1(<module>)`, so the module's row is pinned to its first line.
      const file = this.mapper.original(url, 0, 0).file;
      return this.add(makeFrame('<module>', file, 1, 1));
    }
    const where = position && url !== '' ? this.mapper.original(url, position[0], position[1]) : null;
    return this.add(makeFrame(name || '(anonymous)', where?.file ?? url, where?.line ?? 0, where?.column ?? 0));
  }

  private add(frame: Frame): number {
    const key = `${frame.name}\0${frame.file}\0${frame.line}\0${frame.column}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.frames.length;
      this.frames.push(frame);
      this.index.set(key, id);
    }
    return id;
  }
}

/**
 * V8 reports a script's top-level code (an ES module's body, or the function Node wraps a
 * CommonJS module in) as a nameless function starting at the very first character of the
 * generated code; no function a user writes can start there with no name.
 */
function isModuleCode(name: string, url: string, position: GeneratedPosition | null): boolean {
  return name === '' && url !== '' && position !== null && position[0] === 0 && position[1] === 0;
}
