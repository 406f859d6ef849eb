// What exported formats call a profile's weights.
import type { Profile, WeightUnit } from '../model/profile.js';

/** A format that holds only time (pstats' seconds, .cpuprofile's microseconds) refuses other weights. */
export function refuseNonTime(format: string): (profile: Profile) => string | null {
  return (profile) => (profile.unit === 'ns' ? null : `holds ${weightName(profile)}, and ${format} holds only time`);
}

/** The profile's weights in words: `bytes (allocated)`, `ns`. */
export function weightName(profile: Pick<Profile, 'unit' | 'measure'>): string {
  return profile.measure ? `${profile.unit} (${profile.measure})` : profile.unit;
}

/** pprof's sample type of the weights (pprof's own names: `cpu/nanoseconds`, `alloc_space/bytes`). */
export function pprofValueType(profile: Pick<Profile, 'unit' | 'measure'>): { type: string; unit: string } {
  const named: Record<WeightUnit, { type: string; unit: string }> = {
    ns: { type: 'cpu', unit: 'nanoseconds' },
    bytes: { type: profile.measure === 'allocated' || profile.measure === undefined ? 'alloc_space' : `${profile.measure}_space`, unit: 'bytes' },
    count: { type: profile.measure ?? 'events', unit: 'count' },
    samples: { type: 'samples', unit: 'count' },
  };
  return named[profile.unit];
}

/** speedscope's unit of the weights (`none` for counts and samples). */
export function speedscopeUnit(unit: WeightUnit): 'nanoseconds' | 'bytes' | 'none' {
  return unit === 'ns' ? 'nanoseconds' : unit === 'bytes' ? 'bytes' : 'none';
}

/** callgrind's event line and name: `ns : Time (ns)`, `Bytes : Bytes allocated`. */
export function callgrindEvent(profile: Pick<Profile, 'unit' | 'measure'>): { name: string; line: string } {
  if (profile.unit === 'ns') return { name: 'ns', line: 'ns : Time (ns)' };
  const name = profile.unit === 'bytes' ? 'Bytes' : profile.unit === 'count' ? 'Count' : 'Samples';
  return { name, line: `${name} : ${name}${profile.measure ? ` ${profile.measure}` : ''}` };
}
