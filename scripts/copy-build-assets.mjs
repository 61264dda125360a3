// Part of each workspace's `build`: tsc emits JavaScript for the .ts files under src/ only, so
// every other file there (a .proto, a .json read at run time) is copied beside it into dist/.
import { cpSync, existsSync, statSync } from 'node:fs';

if (existsSync('src')) {
  cpSync('src', 'dist', {
    recursive: true,
    filter: (source) => statSync(source).isDirectory() || !source.endsWith('.ts'),
  });
}
