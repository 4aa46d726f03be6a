// Promela export and Spin runs (see README.md).
export { exportPromela, type Exported } from './export.js';
export { runSpin, spinAvailable, type SpinRun, type SpinOptions } from './spin.js';
