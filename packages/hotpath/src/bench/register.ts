// Preloaded by `hotpath bench` into the test processes (`node --import .../register.js`) when a
// benchmark file is TypeScript: registers the TypeScript module hooks before the file loads.
import { registerTypeScript } from './typescript.js';

registerTypeScript();
