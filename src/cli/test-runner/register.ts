// `node --import <this file>`: installs the hooks of hooks.ts (see there) for `lorelab test`.
import { register } from 'node:module';

register(new URL(`./hooks${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
