// `lorelab export --parquet DIR`: the graph as Parquet, for DuckDB, Spark, Trino (docs/parquet.md).
import type { Command } from 'commander';
import { exportParquet } from '../../export/parquet.js';
import { openReadOnly } from '../../store/open.js';
import { dbPath } from '../db-option.js';
import { CliError } from '../errors.js';
import { printJson } from '../output.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every table of the graph as Parquet, partitioned by list and epoch (docs/parquet.md)')
    .option('--parquet <dir>', 'the folder to write: DIR/<table>/list=…/epoch=…/*.parquet, and DIR/views.sql for DuckDB')
    .option('--memory-limit <size>', "DuckDB's memory limit while writing", '256MB')
    .option('--json', 'print what was written as JSON')
    .addHelpText('after', `
Examples:
  lorelab export --parquet lore-parquet
  lorelab --db ~/lore/shards export --parquet lore-parquet      (a shard folder: its merged database)
  cd lore-parquet && duckdb -c ".read views.sql" -c "SELECT symbol, count(*) FROM hunk_symbols GROUP BY 1 ORDER BY 2 DESC LIMIT 10"`)
    .action(async (options: { parquet?: string; memoryLimit: string; json?: boolean }, command: Command) => {
      if (!options.parquet) throw new CliError('give the folder to write: --parquet DIR');
      const db = openReadOnly(dbPath(command));
      try {
        const summary = await exportParquet(db, options.parquet, {
          memoryLimit: options.memoryLimit,
          onTable: (t) => { if (!options.json) process.stderr.write(`${t.table}: ${t.rows} rows\n`); },
        });
        if (options.json) printJson(summary);
        else process.stdout.write(`${summary.tables.length} tables written to ${summary.dir} in ${summary.seconds.toFixed(1)} s; DuckDB: cd ${summary.dir} && duckdb -c ".read views.sql"\n`);
      } finally {
        db.close();
      }
    });
}
