// The profile model: types, the tree -> graph derivation, and frame helpers.
export * from './profile.js';
export { callGraphFromTree, inclusiveTimes, type CallGraph } from './build.js';
export { frameCategory, makeFrame } from './frames.js';
export { mergeProfiles, tagThread, withThread } from './merge.js';
export { decodeTimeline, encodeTimeline, remapTimelines, timelinesCoverTree, type TimelineFile } from './timeline.js';
export { threadLabel } from './threads.js';
