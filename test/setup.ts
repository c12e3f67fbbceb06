import fc from 'fast-check';

// Property tests are seeded so that a CI failure reproduces locally: fast-check prints the seed,
// the path and the counterexample; rerun with FC_SEED=<seed> (and FC_PATH=<path>) to replay it.
const seed = Number(process.env['FC_SEED'] ?? 20261201);
const numRuns = Number(process.env['FC_NUM_RUNS'] ?? 200);
const path = process.env['FC_PATH'];

fc.configureGlobal({ seed, numRuns, ...(path === undefined ? {} : { path }) });
