/**
 * The task queue of the Rulebook the benchmarks start; part of the ids of the COD due-moment
 * workflows that the checks expect. Its own file under bench/load/ because bench/compare-releases.ts
 * copies that folder over an earlier release, whose bench-support.ts it keeps.
 */
export const benchTaskQueue = 'rulebook-bench';
