#!/usr/bin/env node
// hsm-cli entry point: Node runs the TypeScript sources directly (type stripping); the compile cache
// keeps start-up close to `node -e 0`.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
