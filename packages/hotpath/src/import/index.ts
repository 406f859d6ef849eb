// Importers of outside formats, and the reader that tells formats apart by content.
export { importCpuProfile, isCpuProfile, CpuProfileError, type RawCpuProfile } from './cpuprofile.js';
export { parseAnyProfile, readAnyProfile, readAnyProfileSync } from './read-any.js';
