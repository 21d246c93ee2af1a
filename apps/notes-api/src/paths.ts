// The package's own folders beside src/ and dist/ (the Dockerfile copies both to /app). Resolved from this
// file, which sits directly in src/ under test and is bundled into a file directly in dist/ when built,
// so "../" is the package's folder either way.
export const PUBLIC_DIR = new URL("../public/", import.meta.url);
export const MIGRATIONS_DIR = new URL("../migrations/", import.meta.url);
