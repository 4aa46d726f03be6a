// Promela export and Spin runs (see README.md).
export { exportPromela, type Exported } from './export.js';
export { runSpin, runSpinAsync, spinAvailable, type SpinRun, type SpinOptions } from './spin.js';
